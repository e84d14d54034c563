import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HIDDEN_REASON } from "@/server/analysis/anonymity";
import { appRouter } from "@/server/trpc/root";
import { completeAnswers } from "../support/answers";
import { fill, openCycleFor } from "../support/assessments";
import { settleTrends } from "../support/trends";
import type { TestDb } from "../support/db";
import { callerFor, type World } from "../support/factories";
import { openWorld } from "../support/world";

// Every procedure that returns something to HR admins or owners, and assessment results, has an
// output schema (zod): what leaves is what the schema names, whatever a service returns by
// mistake. Here the services are made to leak, and the procedures' answers are checked.

const leak = { secret: "leaked-value-123" };

vi.mock("@/server/assessments/get-results", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/assessments/get-results")>();
  return {
    ...original,
    async getResults(...args: Parameters<typeof original.getResults>) {
      const results = await original.getResults(...args);
      // A careless change: the raw rows, and an email, beside what the page needs.
      return {
        ...results,
        ...leak,
        sides: { employee: { ...results.sides.employee, email: leak.secret }, manager: { ...results.sides.manager, shareChooseAgain: leak.secret } },
      };
    },
  };
});

vi.mock("@/server/cycles/cycles", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/cycles/cycles")>();
  return {
    ...original,
    async listCycles(...args: Parameters<typeof original.listCycles>) {
      const list = await original.listCycles(...args);
      // Who answered, and a hidden count that kept its value.
      return list.map((c) => ({
        ...c,
        respondents: [leak.secret],
        participation: c.participation && { ...c.participation, complete: { ...c.participation.complete, value: 1, people: [leak.secret] } },
      }));
    },
  };
});

let t: TestDb;
let w: World;
beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

/** Procedures HR admins and owners read, and the results of an assessment. */
const guarded = (path: string) => /^(trends|cycles|org|people|peopleImport)\./.test(path) || path === "assessments.results";

describe("output schemas", () => {
  it("every procedure that returns something to HR or owners, and assessment results, has one", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    const paths = Object.keys(procedures).filter(guarded);
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => procedures[path]!._def.output === undefined)).toEqual([]);
  });

  it("drops what a service adds to assessment results", async () => {
    const pairId = (await callerFor(t.db, w.a.report1.id).me.get()).pairs.asReport[0]!.id;
    const report = callerFor(t.db, w.a.report1.id);
    const manager = callerFor(t.db, w.a.manager1.id);
    const { assessmentId } = await report.assessments.startCheckIn({ pairId });
    await fill(report, assessmentId, completeAnswers());
    await fill(manager, assessmentId, completeAnswers());
    await report.assessments.submit({ assessmentId, shareChooseAgain: false });
    await manager.assessments.submit({ assessmentId, shareChooseAgain: true });

    const results = await manager.assessments.results({ assessmentId });
    expect(JSON.stringify(results)).not.toContain(leak.secret);
    expect(Object.keys(results).sort()).toEqual(["bankVersion", "cycle", "id", "kind", "mySide", "pairId", "revealedAt", "sides"]);
    expect(Object.keys(results.sides.employee).sort()).toEqual(["answers", "chooseAgainShared", "givenName", "name", "submittedAt"]);
    // What the schema lets through is still what the access rule decided.
    expect(results.sides.employee.answers).not.toHaveProperty("choose_again");
  });

  it("drops what a service adds to the cycles HR lists, and a hidden count's value", async () => {
    const { cycleId } = await openCycleFor(t.db, w, "a", { name: "Leaky round" });
    const list = await callerFor(t.db, w.a.hr.id).cycles.list();
    const cycle = list.find((c) => c.id === cycleId)!;
    expect(JSON.stringify(list)).not.toContain(leak.secret);
    expect(cycle).not.toHaveProperty("respondents");
    expect(cycle.participation?.complete).toEqual({ hidden: true, reason: HIDDEN_REASON });
  });

  it("lets a trends cell out as a hidden cell without a value, or a value with only the fields it names", async () => {
    const hr = callerFor(t.db, w.a.hr.id);
    const { cycleId } = await openCycleFor(t.db, w, "a", { name: "Trends round", opensOn: "2026-05-01", closesOn: "2026-05-30" });
    await hr.cycles.close({ cycleId });
    await settleTrends(t.db);
    const view = await hr.trends.cycle({ cycleId });
    expect(view.cycle?.figures).toBe("published");
    const { group } = view;
    const [row] = view.rows;
    expect(group).toBeDefined();
    expect(row).toBeDefined();
    const output = (appRouter._def.procedures as unknown as Record<string, { _def: { output: { parse(v: unknown): unknown } } }>)["trends.cycle"]!._def.output;
    const [dimension] = group!.dimensions;
    const leaky = {
      ...view,
      ...leak,
      group: {
        ...group,
        respondentIds: [leak.secret],
        dimensions: [
          {
            ...dimension,
            mean: { employee: { hidden: true, reason: HIDDEN_REASON, value: 4.2 }, manager: dimension!.mean.manager },
            agreement: { hidden: false, value: { r: 0.5, lower: 0.1, upper: 0.8, pairs: 6, pairIds: [leak.secret] } },
          },
          ...group!.dimensions.slice(1),
        ],
      },
      rows: [{ ...row, respondentIds: [leak.secret], mean: { ...row!.mean, respondents: leak.secret } }, ...view.rows.slice(1)],
    };
    const parsed = output.parse(leaky) as typeof view;
    expect(JSON.stringify(parsed)).not.toContain(leak.secret);
    expect(parsed.group!.dimensions[0]!.mean.employee).toEqual({ hidden: true, reason: HIDDEN_REASON });
    expect(parsed.group!.dimensions[0]!.agreement).toEqual({ hidden: false, value: { r: 0.5, lower: 0.1, upper: 0.8, pairs: 6 } });
    expect(parsed.rows[0]).toEqual(row);
    // A cell neither hidden nor shown is refused: the procedure fails rather than guess.
    expect(() => output.parse({ ...view, group: { ...group, largeTrustOrGoalsGapShare: { value: 0.5 } } })).toThrow();
    // A heatmap figure is a number or null (hidden), nothing else: a cell, a count or text is refused.
    const gaps = row!.meanAbsGap;
    expect(() => output.parse({ ...view, rows: [{ ...row, meanAbsGap: [{ hidden: false, value: 0.5 }, ...gaps.slice(1)] }] })).toThrow();
    expect(() => output.parse({ ...view, rows: [{ ...row, meanAbsGap: [{ hidden: true, reason: HIDDEN_REASON, count: 3 }, ...gaps.slice(1)] }] })).toThrow();
    expect(() => output.parse({ ...view, rows: [{ ...row, mean: { ...row!.mean, employee: ["4.2"] } }] })).toThrow();
    // And the real answer passes through unchanged.
    expect(output.parse(view)).toEqual(view);
  });
});
