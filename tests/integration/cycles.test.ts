import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations, outboxEmails } from "@/db/schema";
import { HIDDEN_REASON } from "@/server/analysis/anonymity";
import { settleTrends } from "../support/trends";
import { completeAnswers } from "../support/answers";
import { assessmentWith, everyone, fill, openCycleFor, outboxTo, outcomeOf, type Caller, type Person } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, createDepartment, createPerson, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

// HR-run cycles (PRODUCT.md §2 and §6): only org admins run them, only in their own
// organization; opening invites the pairs in scope by email and fixes the anonymity threshold;
// HR sees participation counts, never who has or hasn't answered.

const HIDDEN = { hidden: true, reason: HIDDEN_REASON };

let t: TestDb;
let w: World;
let sales: { id: string; name: string };
let seller: Person;
let people: Person[];

const as = (person: { id: string }): Caller => callerFor(t.db, person.id);
const hrA = () => callerFor(t.db, w.a.hr.id);

/** Each person's outcome for `call`, keyed by label. */
async function outcomes(list: Person[], call: (caller: Caller) => Promise<unknown>): Promise<Record<string, string>> {
  const codes = await Promise.all(list.map(async (p) => [p.label, (await outcomeOf(call(callerFor(t.db, p.id)))).code] as const));
  return Object.fromEntries(codes);
}

async function cycleInList(caller: Caller, cycleId: string) {
  const found = (await caller.cycles.list()).find((c) => c.id === cycleId);
  if (!found) throw new Error(`cycle ${cycleId} not listed`);
  return found;
}

const pairsOfA = () => [
  { manager: w.a.owner, report: w.a.grand },
  { manager: w.a.grand, report: w.a.manager1 },
  { manager: w.a.grand, report: w.a.manager2 },
  { manager: w.a.manager1, report: w.a.report1 },
  { manager: w.a.manager2, report: w.a.report2 },
  { manager: w.a.owner, report: w.a.hr },
  { manager: w.a.owner, report: w.a.bystander },
  { manager: w.a.manager2, report: seller },
];

beforeAll(async () => {
  ({ t, w } = await openWorld());
  // A second department in org A, with one pair whose report is in it.
  sales = await createDepartment(t.db, w.a.org.id, "Sales A");
  const s = await createPerson(t.db, w.a.org.id, { name: "Selma Seller", managerId: w.a.manager2.id, departmentId: sales.id });
  seller = { label: "A seller", id: s.id, name: s.name, email: s.email };
  people = [...everyone(w), seller];
});
afterAll(() => t.close());

describe("who may run cycles", () => {
  it("only HR admins and owners; everyone else gets not found, and signed out, unauthorized", async () => {
    const admins = new Set([w.a.hr.id, w.a.owner.id, w.b.hr.id, w.b.owner.id]);
    const expected = Object.fromEntries(people.map((p) => [p.label, admins.has(p.id) ? "OK" : "NOT_FOUND"]));
    expect(await outcomes(people, (c) => c.cycles.list())).toEqual(expected);
    expect(await outcomes(people, (c) => c.cycles.departments())).toEqual(expected);

    const { cycleId } = await callerFor(t.db, w.a.owner.id).cycles.create({
      name: "Owner's round",
      opensOn: "2026-05-01",
      closesOn: "2026-05-31",
      departmentIds: null,
    });
    const before = await databaseFingerprint(t.db);
    const members = people.filter((p) => !admins.has(p.id));
    const input = { name: "Sneaky", opensOn: "2026-05-01", closesOn: "2026-05-31", departmentIds: null };
    for (const call of [(c: Caller) => c.cycles.create(input), (c: Caller) => c.cycles.open({ cycleId }), (c: Caller) => c.cycles.close({ cycleId })]) {
      expect(Object.values(await outcomes(members, call))).toEqual(members.map(() => "NOT_FOUND"));
    }
    const signedOut = callerFor(t.db, null);
    for (const outcome of [
      await outcomeOf(signedOut.cycles.list()),
      await outcomeOf(signedOut.cycles.departments()),
      await outcomeOf(signedOut.cycles.create(input)),
      await outcomeOf(signedOut.cycles.open({ cycleId })),
      await outcomeOf(signedOut.cycles.close({ cycleId })),
    ]) {
      expect(outcome).toEqual({ code: "UNAUTHORIZED", message: "Please sign in." });
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect(await cycleInList(hrA(), cycleId)).toMatchObject({ name: "Owner's round", status: "draft", minGroupSize: null, allDepartments: true });
  });

  it("never across organizations: HR of B can't see, open, close or scope by A's cycles and departments", async () => {
    const { cycleId } = await hrA().cycles.create({ name: "A only", opensOn: "2026-06-01", closesOn: "2026-06-30", departmentIds: null });
    const before = await databaseFingerprint(t.db);
    for (const admin of [w.b.hr, w.b.owner]) {
      const c = as(admin);
      const json = JSON.stringify([await c.cycles.list(), await c.cycles.departments()]);
      expect(json).not.toContain(cycleId);
      expect(json).not.toContain("A only");
      expect(json).not.toContain(w.a.dept.id);
      expect(json).not.toContain("Sales A");
      expect(await outcomeOf(c.cycles.open({ cycleId }))).toEqual({ code: "NOT_FOUND", message: "Not found" });
      expect(await outcomeOf(c.cycles.close({ cycleId }))).toEqual({ code: "NOT_FOUND", message: "Not found" });
      const scoped = await outcomeOf(c.cycles.create({ name: "Borrowed scope", opensOn: "2026-06-01", closesOn: "2026-06-30", departmentIds: [sales.id] }));
      expect(scoped).toEqual({ code: "NOT_FOUND", message: "Not found" });
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect(await cycleInList(hrA(), cycleId)).toMatchObject({ status: "draft" });
  });
});

describe("creating a cycle", () => {
  it("refuses bad input with a clear message, changing nothing", async () => {
    const before = await databaseFingerprint(t.db);
    const ok: { name: string; opensOn: string; closesOn: string; departmentIds: string[] | null } = {
      name: "Summer round",
      opensOn: "2026-07-01",
      closesOn: "2026-07-31",
      departmentIds: null,
    };
    const cases: [Partial<typeof ok>, string][] = [
      [{ name: "   " }, "Give the cycle a name."],
      [{ name: "x".repeat(121) }, "The name can be at most 120 characters."],
      [{ opensOn: "2026-13-01" }, "Use a date like 2026-12-31."],
      [{ closesOn: "31/07/2026" }, "Use a date like 2026-12-31."],
      [{ opensOn: "2026-08-01" }, "The close date must be on or after the open date."],
      [{ departmentIds: [] }, "Choose at least one department, or all pairs."],
      [{ departmentIds: ["not-a-uuid"] }, "Invalid UUID"],
    ];
    for (const [change, message] of cases) {
      const outcome = await outcomeOf(hrA().cycles.create({ ...ok, ...change }));
      expect(outcome.code, message).toBe("BAD_REQUEST");
      expect(outcome.message, message).toContain(message);
    }
    expect(await outcomeOf(hrA().cycles.create({ ...ok, departmentIds: ["00000000-0000-4000-8000-000000000000"] }))).toEqual({
      code: "NOT_FOUND",
      message: "Not found",
    });
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("opening a cycle", () => {
  let allPairs: string;

  it("invites every active pair, and emails both sides of every pair", async () => {
    const [{ n: mailsBefore }] = (await t.db.select({ n: count() }).from(outboxEmails)) as [{ n: number }];
    ({ cycleId: allPairs } = await openCycleFor(t.db, w, "a", { name: "All pairs", closesOn: "2026-04-30" }));
    expect(await cycleInList(hrA(), allPairs)).toMatchObject({
      status: "open",
      allDepartments: true,
      departments: [],
      participation: { invited: { hidden: false, value: 8 } },
    });

    for (const { manager, report } of pairsOfA()) {
      const id = await assessmentWith(t.db, report.id, manager.id, { title: "All pairs" });
      expect(await assessmentWith(t.db, manager.id, report.id, { title: "All pairs" })).toBe(id);
      for (const [to, other] of [
        [manager, report],
        [report, manager],
      ] as const) {
        const mails = (await outboxTo(t.db, to.email)).filter((m) => m.text.includes(`/assessments/${id}`));
        expect(
          mails.map((m) => m.subject),
          `${to.name} about ${other.name}`,
        ).toEqual([`Your assessment with ${other.name} is ready`]);
        expect(mails[0]?.text).toContain(`with ${other.name} is ready; it is open until 2026-04-30`);
      }
    }
    const [{ n: mailsAfter }] = (await t.db.select({ n: count() }).from(outboxEmails)) as [{ n: number }];
    expect(mailsAfter - mailsBefore).toBe(16);
    for (const person of everyone(w).filter((p) => p.label.startsWith("B"))) {
      expect(await outboxTo(t.db, person.email), person.label).toEqual([]);
      expect(await as(person).assessments.listMine(), person.label).toEqual([]);
    }
  });

  it("over one department, invites only the pairs whose report is in it", async () => {
    const { cycleId, pairs } = await openCycleFor(t.db, w, "a", { name: "Sales only", departmentIds: [sales.id] });
    expect(pairs).toBe(1);
    expect(await cycleInList(hrA(), cycleId)).toMatchObject({ allDepartments: false, departments: ["Sales A"], participation: { invited: HIDDEN } });
    const withIt = people.filter((p) => p.id === seller.id || p.id === w.a.manager2.id);
    for (const p of people) {
      const titles = (await as(p).assessments.listMine()).map((a) => a.title);
      expect(titles.includes("Sales only"), p.label).toBe(withIt.includes(p));
    }

    const eng = await openCycleFor(t.db, w, "a", { name: "Engineering only", departmentIds: [w.a.dept.id] });
    // owner–grand, grand–manager1, grand–manager2, manager1–report1, manager2–report2.
    expect(eng.pairs).toBe(5);
    expect((await as(seller).assessments.listMine()).map((a) => a.title)).not.toContain("Engineering only");
    expect((await as(w.a.hr).assessments.listMine()).map((a) => a.title)).not.toContain("Engineering only");
  });

  it("fixes the organization's minimum group size for the cycle", async () => {
    await t.db.update(organizations).set({ minGroupSize: 7 }).where(eq(organizations.id, w.a.org.id));
    const { cycleId } = await hrA().cycles.create({ name: "Pinned", opensOn: "2026-09-01", closesOn: "2026-09-30", departmentIds: [sales.id] });
    expect((await cycleInList(hrA(), cycleId)).minGroupSize).toBeNull();
    await hrA().cycles.open({ cycleId });
    await t.db.update(organizations).set({ minGroupSize: 3 }).where(eq(organizations.id, w.a.org.id));

    expect((await cycleInList(hrA(), cycleId)).minGroupSize).toBe(7);
    const id = await assessmentWith(t.db, seller.id, w.a.manager2.id, { title: "Pinned" });
    expect((await as(seller).assessments.get({ assessmentId: id })).minGroupSize).toBe(7);
    expect((await cycleInList(hrA(), allPairs)).minGroupSize).toBe(5);
    await t.db.update(organizations).set({ minGroupSize: 5 }).where(eq(organizations.id, w.a.org.id));
  });

  it("twice, or closing a cycle that is not open, is a conflict that changes nothing", async () => {
    const { cycleId: draft } = await hrA().cycles.create({ name: "Still a draft", opensOn: "2026-10-01", closesOn: "2026-10-31", departmentIds: [sales.id] });
    const { cycleId: closed } = await openCycleFor(t.db, w, "a", { name: "Closed soon", departmentIds: [sales.id] });
    await hrA().cycles.close({ cycleId: closed });

    const before = await databaseFingerprint(t.db);
    expect(await outcomeOf(hrA().cycles.open({ cycleId: allPairs }))).toEqual({ code: "CONFLICT", message: "This cycle is already open." });
    expect(await outcomeOf(hrA().cycles.close({ cycleId: draft }))).toEqual({ code: "CONFLICT", message: "This cycle has not been opened." });
    expect(await outcomeOf(hrA().cycles.open({ cycleId: closed }))).toEqual({ code: "CONFLICT", message: "This cycle is closed." });
    expect(await outcomeOf(hrA().cycles.close({ cycleId: closed }))).toEqual({ code: "CONFLICT", message: "This cycle is already closed." });
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("lists participation as counts only, with no person's name or id anywhere", async () => {
    const submit = async (person: { id: string }, other: { id: string }) => {
      const id = await assessmentWith(t.db, person.id, other.id, { title: "All pairs" });
      await fill(as(person), id, completeAnswers());
      await as(person).assessments.submit({ assessmentId: id, shareChooseAgain: false });
    };
    await submit(w.a.report1, w.a.manager1);
    await submit(w.a.manager1, w.a.report1); // pair A1 complete
    await submit(w.a.report2, w.a.manager2); // employee side only
    await submit(w.a.owner, w.a.hr); // manager side only
    await submit(w.a.owner, w.a.bystander); // manager side only

    for (const admin of [w.a.hr, w.a.owner]) {
      const list = await as(admin).cycles.list();
      // k = 5: counts below it say only "fewer than k", so they can't point at a person.
      expect(list.find((c) => c.id === allPairs)?.participation).toEqual({
        invited: { hidden: false, value: 8 },
        employeeSubmitted: HIDDEN,
        managerSubmitted: HIDDEN,
        complete: HIDDEN,
      });
      expect(list.find((c) => c.name === "Sales only")?.participation).toEqual({
        invited: HIDDEN,
        employeeSubmitted: HIDDEN,
        managerSubmitted: HIDDEN,
        complete: HIDDEN,
      });
      const json = JSON.stringify(list);
      for (const p of people) {
        expect(json, p.label).not.toContain(p.id);
        expect(json, p.label).not.toContain(p.name);
        expect(json, p.label).not.toContain(p.email);
      }
    }
    // Once closed, the counts are those of the published figures (the organization's), nothing
    // until they are published; here every count is under k, and so is what hides with them.
    expect(await hrA().cycles.close({ cycleId: allPairs })).toEqual({ closed: true });
    expect((await cycleInList(hrA(), allPairs)).participation).toBeNull();
    await settleTrends(t.db);
    expect((await cycleInList(hrA(), allPairs)).participation).toEqual({
      invited: HIDDEN,
      employeeSubmitted: HIDDEN,
      managerSubmitted: HIDDEN,
      complete: HIDDEN,
    });
  });
});
