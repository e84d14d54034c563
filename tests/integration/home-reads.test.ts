import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments } from "@/db/schema";
import { recentlyRevealed } from "@/server/assessments/list-my-assessments";
import { completeAnswers } from "../support/answers";
import { fill } from "../support/assessments";
import { writesAmong, type TestDb } from "../support/db";
import { callerFor, createPerson, type World } from "../support/factories";
import { addDays, dayOf, weekdayOf } from "../support/meetings";
import { openWorld } from "../support/world";

// Issue 21: the home page of a manager with many reports. Its reads are set-based: the same
// statements for fifty pairs as for one (no schedule read per pair), none of them a write, and
// only the assessments home shows (open ones and recent results), not every cycle's.

const WEEKLY = { frequency: "weekly", weekOfMonth: null, startTime: "10:00", timeZone: "Europe/Berlin", durationMinutes: 30 } as const;
const REPORTS = 6;

let t: TestDb;
let w: World;
let wide: { id: string };
let reports: { id: string }[];
beforeAll(async () => {
  ({ t, w } = await openWorld());
  wide = await createPerson(t.db, w.a.org.id, { name: "Wide Manager", managerId: w.a.grand.id, departmentId: w.a.dept.id });
  reports = [];
  for (let i = 0; i < REPORTS; i++)
    reports.push(await createPerson(t.db, w.a.org.id, { name: `Wide Report ${i}`, managerId: wide.id, departmentId: w.a.dept.id }));
  const pairs = (await as(wide).me.get()).pairs.asManager;
  const startsOn = addDays(dayOf(new Date()), 3);
  // Every pair but the last has a weekly 1:1; the last has none.
  for (const pair of pairs.slice(0, -1)) await as(wide).meetings.createSeries({ pairId: pair.id, startsOn, ...WEEKLY, weekday: weekdayOf(startsOn) });
});
afterAll(() => t.close());

const as = (person: { id: string }) => callerFor(t.db, person.id);

async function counted<T>(run: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
  const mark = t.statements.length;
  const value = await run();
  return { value, statements: t.statements.slice(mark) };
}

describe("the home page's reads", () => {
  it("read every pair's next 1:1 in as many statements for many pairs as for one, writing nothing", async () => {
    const pairA1 = (await as(w.a.report1).me.get()).pairs.asReport[0]!.id;
    const startsOn = addDays(dayOf(new Date()), 3);
    await as(w.a.manager1).meetings.createSeries({ pairId: pairA1, startsOn, ...WEEKLY, weekday: weekdayOf(startsOn) });
    const many = await counted(() => as(wide).meetings.mine());
    const one = await counted(() => as(w.a.report1).meetings.mine());
    expect(many.value).toHaveLength(REPORTS + 1);
    expect(many.value.filter((row) => row.next !== null)).toHaveLength(REPORTS - 1);
    expect(many.value.filter((row) => row.hasSeries)).toHaveLength(REPORTS - 1);
    expect(writesAmong(many.statements)).toEqual([]);
    expect(one.value).toHaveLength(1);
    expect(many.statements).toHaveLength(one.statements.length);
  });

  it("list only the open assessments and recent results when asked for what home shows", async () => {
    const pairs = (await as(wide).me.get()).pairs.asManager;
    const [openPair, cancelledPair, revealedPair, oldPair] = pairs;
    const open = await as(wide).assessments.startCheckIn({ pairId: openPair!.id });
    const cancelled = await as(wide).assessments.startCheckIn({ pairId: cancelledPair!.id });
    await as(wide).assessments.cancelCheckIn({ assessmentId: cancelled.assessmentId });
    const reveal = async (pairId: string, reportId: string) => {
      const { assessmentId } = await as(wide).assessments.startCheckIn({ pairId });
      await fill(as({ id: reportId }), assessmentId, completeAnswers(1, {}, 3));
      await fill(as(wide), assessmentId, completeAnswers(1, {}, 4));
      await as({ id: reportId }).assessments.submit({ assessmentId, shareChooseAgain: true });
      await as(wide).assessments.submit({ assessmentId, shareChooseAgain: true });
      return assessmentId;
    };
    const revealed = await reveal(revealedPair!.id, revealedPair!.report.id);
    const old = await reveal(oldPair!.id, oldPair!.report.id);
    await t.db
      .update(assessments)
      .set({ revealedAt: new Date(Date.now() - 40 * 86_400_000) })
      .where(eq(assessments.id, old));

    const all = await as(wide).assessments.listMine();
    const current = await counted(() => as(wide).assessments.listMine({ current: true }));
    expect(writesAmong(current.statements)).toEqual([]);
    expect(current.value.map((a) => a.id).sort()).toEqual([open.assessmentId, revealed].sort());
    // Exactly what home picks from the full list, in the same order.
    expect(current.value).toEqual(all.filter((a) => a.state === "open" || recentlyRevealed(all).includes(a)));
    expect(all.map((a) => a.id)).toEqual(expect.arrayContaining([cancelled.assessmentId, old]));
  });
});
