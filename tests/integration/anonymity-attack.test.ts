import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, pairs, people } from "@/db/schema";
import { questionRules, type Answers } from "@/server/assessments/answers";
import { CANT_SAY, getItemBank, type Side } from "@/server/assessments/item-bank";
import { fill, type Caller } from "../support/assessments";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createDepartment, createOrg, createPerson } from "../support/factories";
import { AttackNotebook, LinearSystem, attack, differences, explain, settleTrends, type AttackFindings } from "../support/linear-attack";

// The attacker's tests for PRODUCT.md §5 (issue 15 item 7): an HR admin reads everything the app
// lets her read, at every moment she likes, and a solver with more knowledge than she has
// (exactly whose answers each figure adds up) tries to pin down one person's answers. The
// promise is that nothing individual can be determined; these tests assert the promise, not
// what the code does today.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------
// Building organizations, answering, closing: all through the procedures people use

interface PersonSpec {
  label: string;
  manager?: string;
  department?: string;
  roles?: ("hr_admin" | "owner")[];
}

interface Org {
  orgId: string;
  id: (label: string) => string;
  email: (label: string) => string;
  hrId: string;
  hr: Caller;
  ownerId: string;
  departments: Map<string, string>;
}

async function buildOrg(name: string, specs: PersonSpec[], hrLabel = "HR"): Promise<Org> {
  const org = await createOrg(t.db, name);
  const departments = new Map<string, string>();
  for (const d of new Set(specs.flatMap((s) => (s.department ? [s.department] : [])))) departments.set(d, (await createDepartment(t.db, org.id, d)).id);
  const ids = new Map<string, { id: string; email: string }>();
  for (const s of specs) {
    const p = await createPerson(t.db, org.id, {
      name: `${s.label} (${name})`,
      email: `${s.label.toLowerCase().replace(/\W+/g, "-")}@${name.toLowerCase().replace(/\W+/g, "-")}-${org.id.slice(0, 8)}.example.test`,
      ...(s.manager ? { managerId: ids.get(s.manager)!.id } : {}),
      ...(s.department ? { departmentId: departments.get(s.department)! } : {}),
      roles: s.roles ?? [],
    });
    ids.set(s.label, { id: p.id, email: p.email });
  }
  const get = (label: string) => {
    const p = ids.get(label);
    if (!p) throw new Error(`no person ${label}`);
    return p;
  };
  const owner = specs.find((s) => s.roles?.includes("owner"))!;
  return {
    orgId: org.id,
    id: (l) => get(l).id,
    email: (l) => get(l).email,
    hrId: get(hrLabel).id,
    hr: callerFor(t.db, get(hrLabel).id),
    ownerId: get(owner.label).id,
    departments,
  };
}

let day = 0;
async function openCycle(org: Org, name: string) {
  day++;
  const month = String(1 + (day % 12)).padStart(2, "0");
  const { cycleId } = await org.hr.cycles.create({ name, opensOn: `2027-${month}-01`, closesOn: `2027-${month}-28`, departmentIds: null });
  await org.hr.cycles.open({ cycleId });
  return cycleId;
}

async function closeCycle(org: Org, cycleId: string) {
  await org.hr.cycles.close({ cycleId });
  await settleTrends(t.db);
}

/** A small deterministic generator (mulberry32), seeded from a string. */
function random(seed: string) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const bank = getItemBank(1);

/** Answers that are a function of `seed` alone: the same seed answers alike in every cycle. */
function answersFor(seed: string, cantSay: string[] = []): Answers {
  const next = random(seed);
  const answers: Answers = {};
  for (const [key, rule] of questionRules(bank)) {
    if (rule.kind === "scale") answers[key] = cantSay.includes(key) ? CANT_SAY : 1 + Math.floor(next() * 5);
    else if (rule.kind === "choice") answers[key] = rule.values[Math.floor(next() * rule.values.length)]!;
  }
  return answers;
}

/** Submits one side of the pair of `report` in a cycle, as its respondent, with answers seeded by the pair and side (not the cycle). */
async function submit(org: Org, cycleId: string, report: string, side: Side, cantSay: string[] = []) {
  const [a] = await t.db
    .select({ id: assessments.id, managerId: pairs.managerId })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .where(and(eq(assessments.orgId, org.orgId), eq(assessments.cycleId, cycleId), eq(pairs.reportId, org.id(report))));
  if (!a) throw new Error(`${report} has no pair in this cycle`);
  const caller = callerFor(t.db, side === "employee" ? org.id(report) : a.managerId);
  await fill(caller, a.id, answersFor(`${org.orgId}:${report}>${a.managerId}|${side}`, cantSay));
  await caller.assessments.submit({ assessmentId: a.id, shareChooseAgain: false });
}

async function submitPairs(org: Org, cycleId: string, reports: string[], sides: readonly Side[] = ["employee", "manager"]) {
  for (const r of reports) for (const side of sides) await submit(org, cycleId, r, side);
}

/** Changes people the way HR does: a people import (preview, then confirm with its hash). */
async function importPeople(org: Org, csv: string) {
  const preview = await org.hr.peopleImport.preview({ csv });
  expect(preview.problems, JSON.stringify(preview.problems)).toEqual([]);
  await org.hr.peopleImport.confirm({ csv, expectedHash: preview.hash! });
}

/**
 * The promise, checked softly so that a failure lists everything that got in: the model
 * reproduced every visible figure (else it would prove nothing about them), and no individual
 * unknown is determined.
 */
function expectNothingDetermined(findings: AttackFindings) {
  expect.soft(findings.unexplained, "visible figures the attacker's model could not reproduce from the truth").toEqual([]);
  expect
    .soft(
      findings.determined.map((d) => d.label),
      explain(findings),
    )
    .toEqual([]);
}

/** Every visible count counts the distinct people of the figure beside it. */
function expectTrueCounts(findings: AttackFindings) {
  expect.soft(findings.miscounts, "counts that don't count the people their figure is computed from").toEqual([]);
}

/** No two counts of one group and side set 1 to k−1 people apart. */
function expectNoSmallDifferences(findings: AttackFindings) {
  expect.soft(findings.smallDifferences, "counts of one group and side that set fewer than k people apart").toEqual([]);
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

/**
 * k = 5. Two departments; teams of k−1 (Cat), k (Dan), k+1 (Eve), and nested teams one person
 * apart (team of Ben = team of Dan + Dan).
 *
 *   CEO ─┬─ HR
 *        ├─ Ada (Eng) ─┬─ Ben ─ Dan ─ 5 reports     team of Ben 6, team of Dan 5
 *        │             └─ Cat ─ 4 reports           team of Cat 4; team of Ada 12; Eng 13
 *        └─ Eve (Sales) ─ 6 reports                 team of Eve 6; Sales 7
 */
function standardOrg(name: string, extraRoles: Record<string, ("hr_admin" | "owner")[]> = {}) {
  const specs: PersonSpec[] = [
    { label: "CEO", roles: ["owner"] },
    { label: "HR", manager: "CEO", roles: ["hr_admin"] },
    { label: "Ada", manager: "CEO", department: "Eng" },
    { label: "Ben", manager: "Ada", department: "Eng" },
    { label: "Dan", manager: "Ben", department: "Eng" },
    ...range("Dan report", 5).map((label) => ({ label, manager: "Dan", department: "Eng" })),
    { label: "Cat", manager: "Ada", department: "Eng" },
    ...range("Cat report", 4).map((label) => ({ label, manager: "Cat", department: "Eng" })),
    { label: "Eve", manager: "CEO", department: "Sales" },
    ...range("Eve report", 6).map((label) => ({ label, manager: "Eve", department: "Sales" })),
  ];
  return buildOrg(
    name,
    specs.map((s) => ({ ...s, roles: [...(s.roles ?? []), ...(extraRoles[s.label] ?? [])] })),
  );
}

const everyReport = ["Ada", "Ben", "Dan", "Cat", "Eve", ...range("Dan report", 5), ...range("Cat report", 4), ...range("Eve report", 6)];

// ---------------------------------------------------------------------------------------------

describe("the solver", () => {
  it("finds the leak in a deliberately leaky toy system, and none where there is none", () => {
    const leaky = new LinearSystem();
    leaky.describe("x|c", "c's trust score");
    leaky.add("x", { "x|a": 1, "x|b": 1, "x|c": 1 }, "mean of a, b, c × 3");
    leaky.add("x", { "x|a": 1, "x|b": 1 }, "mean of a, b × 2");
    const found = leaky.determined();
    expect(found.map((d) => d.label)).toEqual(["c's trust score"]);
    expect(found[0]!.from).toHaveLength(2);

    // One manager's two answers, neither alone: their sum is hers, and is found.
    const summed = new LinearSystem();
    const eve = { id: "eve", name: "Eve" };
    summed.describe("x|e1", "Eve about report 1", eve);
    summed.describe("x|e2", "Eve about report 2", eve);
    summed.add("x", { "x|e1": 1, "x|e2": 1, "x|b": 1, "x|c": 1 }, "with Eve's two");
    summed.add("x", { "x|b": 1, "x|c": 1 }, "without them");
    expect(summed.determined().map((d) => d.unknown)).toEqual(["x|person:eve"]);

    const tight = new LinearSystem();
    tight.add("x", { "x|a": 1, "x|b": 1, "x|c": 1 }, "a+b+c");
    tight.add("x", { "x|b": 1, "x|c": 1, "x|d": 1 }, "b+c+d");
    tight.add("y", { "y|a": 1, "y|b": 1 }, "another block");
    expect(tight.determined()).toEqual([]);
  });
});

describe("attacks on an open cycle", () => {
  it("a. polling an open cycle before and after each submission determines no one's answers", { timeout: 120_000 }, async () => {
    const org = await standardOrg("Polling");
    const notebook = new AttackNotebook(t.db, org.orgId, org.hrId);
    const cycleId = await openCycle(org, "Polled round");
    await notebook.record("opened");
    // Sales (Eve's six) first: its figures appear at five and move with the sixth; then Dan's team.
    for (const report of [...range("Eve report", 6), ...range("Dan report", 5)]) {
      await submit(org, cycleId, report, "employee");
      await notebook.record(`after ${report} submitted`);
    }
    await closeCycle(org, cycleId);
    await notebook.record("closed");
    expectNothingDetermined(attack(notebook));
  });

  it(
    "b. counting manager responses beside figures of manager people: no count differs from the people its figure is computed from, and a manager's second answer can't be isolated",
    { timeout: 120_000 },
    async () => {
      const org = await standardOrg("Counting");
      const notebook = new AttackNotebook(t.db, org.orgId, org.hrId);
      const cycleId = await openCycle(org, "Counted round");
      await notebook.record("opened");
      // Reports of Dan and Eve, and six managers (Eve for four of her six reports): the manager side is shown.
      await submitPairs(org, cycleId, [...range("Dan report", 5), ...range("Eve report", 6)], ["employee"]);
      await submitPairs(org, cycleId, ["Ada", "Ben", "Dan", "Cat report 1", ...range("Dan report", 5), ...range("Eve report", 4)], ["manager"]);
      await notebook.record("all but Eve's last two");
      await submit(org, cycleId, "Eve report 5", "manager");
      await notebook.record("Eve answered about report 5");
      await submit(org, cycleId, "Eve report 6", "manager");
      await notebook.record("Eve answered about report 6");
      await closeCycle(org, cycleId);
      await notebook.record("closed");
      const findings = attack(notebook);
      expectTrueCounts(findings);
      expectNothingDetermined(findings);
    },
  );

  it("c. α's count beside the mean's count: a \"can't say\" on one item is not revealed", { timeout: 120_000 }, async () => {
    const org = await standardOrg("Cant say");
    const notebook = new AttackNotebook(t.db, org.orgId, org.hrId);
    const cycleId = await openCycle(org, "Round with a can't say");
    await notebook.record("opened");
    await submitPairs(org, cycleId, [...range("Dan report", 5), ...range("Eve report", 5)], ["employee"]);
    await notebook.record("ten reports in");
    await submit(org, cycleId, "Eve report 6", "employee", ["trust.ability"]);
    await notebook.record("Eve report 6 in, can't say on one trust item");
    await closeCycle(org, cycleId);
    await notebook.record("closed");
    const findings = attack(notebook, { families: ["any|", "all|", "both|"] });
    expectNoSmallDifferences(findings);
    expectNothingDetermined(findings);
  });

  it("d. an HR admin who is also a manager learns nothing from her report's submission before the pair is revealed to her", { timeout: 120_000 }, async () => {
    const org = await standardOrg("HR manager", { Eve: ["hr_admin"] });
    const notebook = new AttackNotebook(t.db, org.orgId, org.id("Eve"));
    const cycleId = await openCycle(org, "Round Eve runs");
    await submitPairs(org, cycleId, [...range("Dan report", 5), ...range("Cat report", 4), ...range("Eve report", 5)], ["employee"]);
    await submitPairs(org, cycleId, range("Dan report", 5), ["manager"]);
    const before = await notebook.record("Eve reads before her report 6 submits");
    await submit(org, cycleId, "Eve report 6", "employee");
    const after = await notebook.record("Eve reads after her report 6 submitted, her own side not yet");
    expect.soft(differences(notebook.readsOf(before), notebook.readsOf(after)), "what Eve can read changed when her report submitted").toEqual([]);
    expectNothingDetermined(attack(notebook));
  });
});

describe("attacks on a closed cycle: nothing published changes afterwards", () => {
  let org: Org;
  let notebook: AttackNotebook;
  let cycleId: string;

  beforeAll(async () => {
    org = await standardOrg("Closed");
    notebook = new AttackNotebook(t.db, org.orgId, org.hrId);
    cycleId = await openCycle(org, "Closed round");
    await notebook.record("opened");
    await submitPairs(org, cycleId, everyReport);
    await closeCycle(org, cycleId);
    await notebook.record("closed");
  });

  /** Records before and after `change`; the closed cycle's reads must be the same. */
  async function expectUnchangedBy(what: string, change: () => Promise<void>) {
    const before = await notebook.record(`before ${what}`);
    await change();
    const after = await notebook.record(`after ${what}`);
    expect(differences(notebook.readsOf(before, cycleId), notebook.readsOf(after, cycleId)), `the closed cycle's figures changed after ${what}`).toEqual([]);
  }

  it("after closing a cycle with at least k people per side, HR reads visible figures (the suite can't pass by hiding everything)", () => {
    const closed = notebook.moments.find((m) => m.label === "closed")!;
    const orgTrust = closed.observations.filter(
      (o) => o.cycleId === cycleId && o.groupId === `org:${org.orgId}` && /^dimensions\.trust\.mean\.(employee|manager)\.value$/.test(o.path),
    );
    expect(orgTrust.filter((o) => o.source === "cycle" && o.value !== "hidden")).toHaveLength(2);
    // Issue 20's sums are among what the attacker reads: quadrant shares, both sides' reading
    // means (each an equation over pairs) and ICC(A,1) (read, though no sum).
    const orgReads = closed.observations.filter(
      (o) => o.source === "cycle" && o.cycleId === cycleId && o.groupId === `org:${org.orgId}` && o.value !== "hidden",
    );
    expect(orgReads.filter((o) => /^balance\.value\./.test(o.path))).toHaveLength(4);
    expect(orgReads.filter((o) => /^reading\.(employee|manager)\.value\./.test(o.path))).toHaveLength(6);
    expect(orgReads.filter((o) => /^dimensions\.trust\.absoluteAgreement\.value\.icc$/.test(o.path))).toHaveLength(1);
    expect(attack(notebook).visible).toBeGreaterThan(60);
  });

  it("e1. a department move after close changes none of the closed cycle's figures", async () => {
    await expectUnchangedBy("moving Dan report 1 to Sales", () =>
      importPeople(org, `email,name,department\n${org.email("Dan report 1")},Dan report 1 (Closed),Sales\n`),
    );
  });

  it("e2. a manager change after close changes none of the closed cycle's figures", async () => {
    await expectUnchangedBy("moving Cat report 1 to Dan", () =>
      importPeople(org, `email,name,managerEmail\n${org.email("Cat report 1")},Cat report 1 (Closed),${org.email("Dan")}\n`),
    );
  });

  it("e3. a rename after close changes none of the closed cycle's figures", async () => {
    await expectUnchangedBy("renaming Dan", () => importPeople(org, `email,name\n${org.email("Dan")},Daniel (Closed)\n`));
  });

  it("e4. a deactivation after close changes none of the closed cycle's figures", async () => {
    // No service deactivates people yet; the column is what one would set.
    await expectUnchangedBy("deactivating Eve report 2", async () => {
      await t.db
        .update(people)
        .set({ deactivatedAt: new Date() })
        .where(and(eq(people.orgId, org.orgId), eq(people.id, org.id("Eve report 2"))));
    });
  });

  it("f. changing the organization's k after a cycle closed changes none of its figures", async () => {
    const owner = callerFor(t.db, org.ownerId);
    await expectUnchangedBy("setting k to 3", async () => void (await owner.org.setMinGroupSize({ minGroupSize: 3 })));
    await expectUnchangedBy("setting k to 8", async () => void (await owner.org.setMinGroupSize({ minGroupSize: 8 })));
  });

  it("nothing recorded of the closed cycle before and after the changes determines anyone", () => {
    const findings = attack(notebook);
    expectNothingDetermined(findings);
  });
});

describe("attacks across cycles", () => {
  /**
   * Director Dee (Eng) manages six managers with one report each; Sales has five pairs under Sal.
   * Team of Dee, Eng and the org differ between cycles only in who submits.
   */
  async function directorOrg(name: string) {
    return buildOrg(name, [
      { label: "CEO", roles: ["owner"] },
      { label: "HR", manager: "CEO", roles: ["hr_admin"] },
      { label: "Dee", manager: "CEO", department: "Eng" },
      ...range("M", 7).map((label) => ({ label, manager: "Dee", department: "Eng" })),
      ...range("M", 7).map((m) => ({ label: `R of ${m}`, manager: m, department: "Eng" })),
      { label: "Sal", manager: "CEO", department: "Sales" },
      ...range("S", 5).map((label) => ({ label, manager: "Sal", department: "Sales" })),
    ]);
  }

  async function closedRound(org: Org, notebook: AttackNotebook, name: string, reports: string[]) {
    const cycleId = await openCycle(org, name);
    await notebook.record(`${name} opened`);
    await submitPairs(org, cycleId, reports);
    await closeCycle(org, cycleId);
    await notebook.record(`${name} closed`);
  }

  it(
    "g1. two cycles over the same group, one extra report (and her manager) in the second, everyone else answering alike: nothing determined",
    { timeout: 120_000 },
    async () => {
      const org = await directorOrg("Two rounds");
      const notebook = new AttackNotebook(t.db, org.orgId, org.hrId, { shareAcrossCycles: true });
      const reports = range("M", 6).map((m) => `R of ${m}`);
      await closedRound(org, notebook, "Round 1", reports.slice(0, 5));
      await closedRound(org, notebook, "Round 2", reports.slice(0, 6));
      expectNothingDetermined(attack(notebook));
    },
  );

  it(
    "g2. three cycles over the same group, one report joining then another leaving, everyone else answering alike: nothing determined",
    { timeout: 120_000 },
    async () => {
      const org = await directorOrg("Three rounds");
      const notebook = new AttackNotebook(t.db, org.orgId, org.hrId, { shareAcrossCycles: true });
      const reports = range("M", 7).map((m) => `R of ${m}`);
      await closedRound(org, notebook, "Round 1", reports.slice(0, 5));
      await closedRound(org, notebook, "Round 2", reports.slice(0, 6));
      await closedRound(org, notebook, "Round 3", reports.slice(1, 7));
      expectNothingDetermined(attack(notebook));
    },
  );

  it(
    "i. issue 20's pair figures across two cycles: the same pairs, one report predicting nothing the second time, determine no one's reading or quadrant",
    { timeout: 120_000 },
    async () => {
      // The pairs (the scope of every pair figure) are the same in both cycles, so only each
      // figure's own check can keep round 2's reading means from being subtracted from round 1's
      // to give one report's reading of her manager.
      const org = await directorOrg("Readings");
      const notebook = new AttackNotebook(t.db, org.orgId, org.hrId, { shareAcrossCycles: true });
      const reports = range("M", 6).map((m) => `R of ${m}`);
      await closedRound(org, notebook, "Round 1", reports);
      const cycleId = await openCycle(org, "Round 2");
      await notebook.record("Round 2 opened");
      const silent = reports[5]!;
      for (const r of reports) {
        await submit(org, cycleId, r, "manager");
        await submit(org, cycleId, r, "employee", r === silent ? bank.dimensions.map((d) => `predict.${d.key}`) : []);
      }
      await closeCycle(org, cycleId);
      await notebook.record("Round 2 closed");
      const findings = attack(notebook);
      const round1 = notebook.moments.find((m) => m.label === "Round 1 closed")!;
      expect(
        round1.observations.filter((o) => /^reading\.employee\.value\./.test(o.path) && o.value !== "hidden").length,
        "round 1 shows reading means",
      ).toBeGreaterThan(0);
      expectNothingDetermined(findings);
    },
  );

  it(
    "h. a seeded random organization, random submissions over two cycles and moves between them: nothing recorded determines anyone",
    { timeout: 120_000 },
    async () => {
      const next = random("anonymity-attack h");
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const depts = ["Eng", "Sales", "Ops"];
      const specs: PersonSpec[] = [
        { label: "CEO", roles: ["owner"] },
        { label: "HR", manager: "CEO", roles: ["hr_admin"] },
      ];
      const reports: string[] = [];
      depts.forEach((dept, d) => {
        const director = `Director ${d + 1}`;
        specs.push({ label: director, manager: "CEO", department: dept });
        reports.push(director);
        const managers = 2;
        for (let m = 1; m <= managers; m++) {
          const manager = `Manager ${d + 1}.${m}`;
          specs.push({ label: manager, manager: director, department: dept });
          reports.push(manager);
          const count = 2 + Math.floor(next() * 4);
          for (let r = 1; r <= count; r++) {
            const label = `Report ${d + 1}.${m}.${r}`;
            specs.push({ label, manager, department: next() < 0.15 ? pick(depts) : dept });
            reports.push(label);
          }
        }
      });
      const org = await buildOrg("Random", specs);
      const notebook = new AttackNotebook(t.db, org.orgId, org.hrId, { shareAcrossCycles: true });

      const round = async (name: string) => {
        const cycleId = await openCycle(org, name);
        await notebook.record(`${name} opened`);
        const sides = reports.flatMap((r) => (["employee", "manager"] as const).map((side) => ({ r, side }))).filter(() => next() < 0.75);
        sides.sort(() => next() - 0.5);
        for (const [i, { r, side }] of sides.entries()) {
          await submit(org, cycleId, r, side);
          if (i === Math.floor(sides.length / 2)) await notebook.record(`${name} half in`);
        }
        await closeCycle(org, cycleId);
        await notebook.record(`${name} closed`);
      };

      await round("Random round 1");
      const ordinary = reports.filter((r) => r.startsWith("Report"));
      const shuffled = [...ordinary].sort(() => next() - 0.5);
      const movers = shuffled.slice(0, 3);
      const name = (label: string) => `${label} (Random)`;
      await importPeople(org, `email,name,department\n${movers.map((m, i) => `${org.email(m)},${name(m)},${depts[i % 3]}`).join("\n")}\n`);
      const newManagers = shuffled.slice(3, 5);
      const managers = reports.filter((r) => r.startsWith("Manager"));
      await importPeople(org, `email,name,managerEmail\n${newManagers.map((m) => `${org.email(m)},${name(m)},${org.email(pick(managers))}`).join("\n")}\n`);
      await notebook.record("after the moves");
      await round("Random round 2");

      const findings = attack(notebook);
      expectTrueCounts(findings);
      expectNoSmallDifferences(findings);
      expectNothingDetermined(findings);
    },
  );
});
