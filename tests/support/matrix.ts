import crypto from "node:crypto";
import { TRPCError, type AnyProcedure, type inferProcedureInput, type inferProcedureOutput } from "@trpc/server";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import type { Answers } from "@/server/assessment/answers";
import { appRouter, type AppRouter } from "@/server/trpc/root";
import { completeAnswers } from "./answers";
import { assessmentWith, everyone, fill, openCycleFor, type Caller } from "./assessments";
import { callerFor, createDepartment, createWorld, type World } from "./factories";

// The authorization matrix: every procedure of appRouter against every kind of caller.
// tests/integration/authorization-matrix.test.ts runs it; tests/integration/fuzz.test.ts reuses
// its fixture and inputs. How to add a procedure is explained at the top of that test file.

// ---------------------------------------------------------------------------------------------
// Who calls

/**
 * The callers every procedure is tried with. Pair A1 is manager1 → report1 of org A.
 * - signedOut: no session.
 * - otherOrgMember: org B's HR admin, the strongest outsider: every role there, none here.
 * - sameOrgOutsider: org A's bystander, a plain member in no pair with pair A1.
 * - employee / manager: report1 and manager1, the two people of pair A1.
 * - grandManager: the manager's manager (org A's "grand").
 * - hrAdmin / owner: org A's HR admin and owner.
 */
export const ACTORS = ["signedOut", "otherOrgMember", "sameOrgOutsider", "employee", "manager", "grandManager", "hrAdmin", "owner"] as const;
export type Actor = (typeof ACTORS)[number];
export type SignedInActor = Exclude<Actor, "signedOut">;

export function personOf(w: World, actor: Actor): { id: string; name: string } | null {
  switch (actor) {
    case "signedOut":
      return null;
    case "otherOrgMember":
      return w.b.hr;
    case "sameOrgOutsider":
      return w.a.bystander;
    case "employee":
      return w.a.report1;
    case "manager":
      return w.a.manager1;
    case "grandManager":
      return w.a.grand;
    case "hrAdmin":
      return w.a.hr;
    case "owner":
      return w.a.owner;
  }
}

export function callerAs(fx: Fixture, actor: Actor): Caller {
  return callerFor(fx.db, personOf(fx.w, actor)?.id ?? null);
}

// ---------------------------------------------------------------------------------------------
// What is expected

/**
 * "ok": the call succeeds; "not_found": exactly NOT_FOUND "Not found"; "unauthorized":
 * UNAUTHORIZED; "conflict": CONFLICT, for a call that is the caller's to make but refers to a
 * state that isn't theirs (org B replaying org A's checked import). All but "ok" change nothing.
 */
export type Expectation = "ok" | "not_found" | "unauthorized" | "conflict";

/** "ok" for the actors named, "not_found" for every other signed-in actor, "unauthorized" signed out. */
export function only(...allowed: SignedInActor[]): Record<Actor, Expectation> {
  return Object.fromEntries(ACTORS.map((a) => [a, a === "signedOut" ? "unauthorized" : allowed.includes(a) ? "ok" : "not_found"])) as Record<Actor, Expectation>;
}

const EVERY_MEMBER = ACTORS.filter((a): a is SignedInActor => a !== "signedOut");

// ---------------------------------------------------------------------------------------------
// Procedure paths and their types, from the router itself

type PathsOf<R, Prefix extends string = ""> = {
  [K in keyof R & string]: R[K] extends AnyProcedure ? `${Prefix}${K}` : PathsOf<R[K], `${Prefix}${K}.`>;
}[keyof R & string];
type At<R, P extends string> = P extends `${infer Head}.${infer Rest}` ? (Head extends keyof R ? At<R[Head], Rest> : never) : P extends keyof R ? R[P] : never;
type Record_ = AppRouter["_def"]["record"];

/** "me.get", "assessments.saveDraft", …: every procedure of appRouter. */
export type ProcedurePath = PathsOf<Record_>;
export type InputOf<P extends ProcedurePath> = At<Record_, P> extends infer T extends AnyProcedure ? inferProcedureInput<T> : never;
export type OutputOf<P extends ProcedurePath> = At<Record_, P> extends infer T extends AnyProcedure ? inferProcedureOutput<T> : never;

/** Every procedure of appRouter as the router itself lists them (a flat record keyed by path). */
export function routerProcedures(): { path: string; type: string }[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  return Object.entries(procedures).map(([path, p]) => ({ path, type: p._def.type }));
}

/** Calls `path` ("assessments.get") on a caller, as the browser would reach it. */
export function callProcedure(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let node: unknown = caller;
  for (const segment of path.split(".")) node = (node as Record<string, unknown>)[segment];
  if (typeof node !== "function") throw new Error(`${path} is not a procedure of the caller`);
  return (node as (input: unknown) => Promise<unknown>)(input);
}

// ---------------------------------------------------------------------------------------------
// The world every row targets, set up through the procedures themselves

/** Distinctive text each person typed, and who of the actors may ever receive it. */
export const SECRETS = {
  a1EmployeeRevealed: { text: "A1-EMPLOYEE-REVEALED thinking of leaving", visibleTo: ["employee", "manager"] },
  a1ManagerRevealed: { text: "A1-MANAGER-REVEALED doubts about the reorg", visibleTo: ["employee", "manager"] },
  a1EmployeeDraft: { text: "A1-EMPLOYEE-DRAFT feels micromanaged", visibleTo: ["employee"] },
  a1ManagerDraft: { text: "A1-MANAGER-DRAFT considering a transfer", visibleTo: ["manager"] },
  a2CheckInDraft: { text: "A2-CHECKIN-DRAFT salary worries", visibleTo: [] },
  b1EmployeeRevealed: { text: "B1-EMPLOYEE-REVEALED wants a new team", visibleTo: [] },
  b1ManagerRevealed: { text: "B1-MANAGER-REVEALED under pressure", visibleTo: [] },
} as const satisfies Record<string, { text: string; visibleTo: readonly Actor[] }>;

/** Pair A1's drafts in the open round: keys only one side answered show up in a leak too. */
export const DRAFTS = {
  employee: { topics: SECRETS.a1EmployeeDraft.text, stance: "against", choose_again: "definitely_not", "trust.ability": 1 },
  manager: { topics: SECRETS.a1ManagerDraft.text, "contact.meetings": "5+", "goals.success": 2, "feedback.advice": 5 },
} satisfies Record<"employee" | "manager", Answers>;

export interface Fixture {
  db: Db;
  w: World;
  pairs: { a1: string; a2: string; b1: string };
  assessments: {
    /** Pair A1's assessment of the "Spring round A" cycle: both submitted, revealed. */
    revealedA1: string;
    /** Pair A1's assessment of the "Summer round A" cycle: open, both sides hold a draft (DRAFTS). */
    draftA1: string;
    /** A check-in pair A2 started, open, report2 holds a draft. */
    checkInA2: string;
    /** Pair B1's assessment of org B's cycle: revealed. */
    revealedB1: string;
  };
  cycles: { revealedA: string; openA: string; draftA: string; b: string };
  /** An org A department nobody is in: cycles scoped to it invite no pair (disposable targets). */
  scratchDepartment: string;
  /** Ids and names of each organization, none of which may reach the other. */
  orgData: { a: string[]; b: string[] };
}

export async function buildFixture(db: Db): Promise<Fixture> {
  const w = await createWorld(db);
  const as = (p: { id: string }) => callerFor(db, p.id);
  const pairOf = async (report: { id: string }) => (await as(report).me.get()).pairs.asReport[0]!.id;
  const scratch = await createDepartment(db, w.a.org.id, "Scratch A");

  const spring = await openCycleFor(db, w, "a", { name: "Spring round A" });
  const revealedA1 = await assessmentWith(db, w.a.report1.id, w.a.manager1.id, { title: "Spring round A" });
  await fill(as(w.a.report1), revealedA1, completeAnswers(1, { topics: SECRETS.a1EmployeeRevealed.text }, 5));
  await fill(as(w.a.manager1), revealedA1, completeAnswers(1, { topics: SECRETS.a1ManagerRevealed.text }, 2));
  await as(w.a.report1).assessments.submit({ assessmentId: revealedA1, shareChooseAgain: true });
  await as(w.a.manager1).assessments.submit({ assessmentId: revealedA1, shareChooseAgain: false });

  const summer = await openCycleFor(db, w, "a", { name: "Summer round A", opensOn: "2026-07-01", closesOn: "2026-07-31" });
  const draftA1 = await assessmentWith(db, w.a.report1.id, w.a.manager1.id, { title: "Summer round A" });
  await fill(as(w.a.report1), draftA1, DRAFTS.employee);
  await fill(as(w.a.manager1), draftA1, DRAFTS.manager);

  const autumn = await as(w.a.hr).cycles.create({ name: "Autumn round A", opensOn: "2026-10-01", closesOn: "2026-10-31", departmentIds: null });

  const pairA2 = await pairOf(w.a.report2);
  const { assessmentId: checkInA2 } = await as(w.a.report2).assessments.startCheckIn({ pairId: pairA2 });
  await fill(as(w.a.report2), checkInA2, { topics: SECRETS.a2CheckInDraft.text, "trust.ability": 1 });

  const winter = await openCycleFor(db, w, "b", { name: "Winter round B" });
  const revealedB1 = await assessmentWith(db, w.b.report1.id, w.b.manager1.id, { title: "Winter round B" });
  await fill(as(w.b.report1), revealedB1, completeAnswers(1, { topics: SECRETS.b1EmployeeRevealed.text }, 3));
  await fill(as(w.b.manager1), revealedB1, completeAnswers(1, { topics: SECRETS.b1ManagerRevealed.text }, 4));
  await as(w.b.report1).assessments.submit({ assessmentId: revealedB1, shareChooseAgain: true });
  await as(w.b.manager1).assessments.submit({ assessmentId: revealedB1, shareChooseAgain: true });

  const pairs = { a1: await pairOf(w.a.report1), a2: pairA2, b1: await pairOf(w.b.report1) };
  const people = everyone(w);
  const ofOrg = (label: "A" | "B") => people.filter((p) => p.label.startsWith(`${label} `)).flatMap((p) => [p.id, p.name]);
  const org = (o: World["a"]) => [o.org.id, o.org.name, o.dept.id, o.dept.name];
  return {
    db,
    w,
    pairs,
    assessments: { revealedA1, draftA1, checkInA2, revealedB1 },
    cycles: { revealedA: spring.cycleId, openA: summer.cycleId, draftA: autumn.cycleId, b: winter.cycleId },
    scratchDepartment: scratch.id,
    orgData: {
      a: [...ofOrg("A"), ...org(w.a), scratch.id, scratch.name, pairs.a1, pairs.a2, revealedA1, draftA1, checkInA2, spring.cycleId, summer.cycleId, autumn.cycleId, "Spring round A", "Summer round A", "Autumn round A"],
      b: [...ofOrg("B"), ...org(w.b), pairs.b1, revealedB1, winter.cycleId, "Winter round B"],
    },
  };
}

/** What `actor` must never receive in any answer: others' answers and the other organization. */
export function forbiddenFor(fx: Fixture, actor: Actor): string[] {
  const secrets = Object.values(SECRETS)
    .filter((s) => !(s.visibleTo as readonly Actor[]).includes(actor))
    .map((s) => s.text);
  if (actor === "signedOut") return [...secrets, ...fx.orgData.a, ...fx.orgData.b];
  return [...secrets, ...(actor === "otherOrgMember" ? fx.orgData.a : fx.orgData.b)];
}

// Disposable targets: a check-in of pair A1, started for one call and ended after it, so the
// table runs in any order and leaves pair A1 free for the next row.

/** A new check-in of pair A1 (started by the employee); optionally both sides answer everything. */
export async function freshCheckInA1(fx: Fixture, { answered = false } = {}): Promise<string> {
  const { assessmentId } = await callerAs(fx, "employee").assessments.startCheckIn({ pairId: fx.pairs.a1 });
  if (answered) {
    await fill(callerAs(fx, "employee"), assessmentId, completeAnswers(1, {}, 4));
    await fill(callerAs(fx, "manager"), assessmentId, completeAnswers(1, {}, 3));
  }
  return assessmentId;
}

/** Cancels every check-in of pair A1 still open, so the pair can start a new one. */
export async function endCheckInsOfA1(fx: Fixture): Promise<void> {
  const employee = callerAs(fx, "employee");
  for (const a of await employee.assessments.listMine()) {
    if (a.pairId === fx.pairs.a1 && a.kind === "check_in" && a.state === "open") await employee.assessments.cancelCheckIn({ assessmentId: a.id });
  }
}

/** A people import for org A that creates one new person (unique per call), checked by HR: { csv, expectedHash }. */
export async function checkedImport(fx: Fixture): Promise<{ csv: string; expectedHash: string }> {
  const csv = `email,name\nmatrix.import.${crypto.randomUUID()}@example.test,Imported by the matrix\n`;
  const { hash } = await callerAs(fx, "hrAdmin").peopleImport.preview({ csv });
  if (!hash) throw new Error("the matrix's import file has problems");
  return { csv, expectedHash: hash };
}

/** A cycle of org A over the scratch department (no pairs), created by HR, opened if asked. */
export async function scratchCycle(fx: Fixture, { open = false } = {}): Promise<string> {
  const hr = callerAs(fx, "hrAdmin");
  const { cycleId } = await hr.cycles.create({ name: "Scratch round", opensOn: "2027-01-01", closesOn: "2027-01-31", departmentIds: [fx.scratchDepartment] });
  if (open) await hr.cycles.open({ cycleId });
  return cycleId;
}

// ---------------------------------------------------------------------------------------------
// The table

/**
 * "denials": one input for all the actors expected to be refused, aimed at a live target the
 * allowed actors could act on (a refusal must leave it untouched). "ok": an input for one
 * allowed actor; for a mutation, a disposable target of its own.
 */
export type Purpose = "denials" | "ok";

export interface Entry<P extends ProcedurePath> {
  expect: Record<Actor, Expectation>;
  input(fx: Fixture, purpose: Purpose): InputOf<P> | Promise<InputOf<P>>;
  /** Extra checks of an "ok" answer (every answer is also searched for forbiddenFor's values). */
  check?(result: OutputOf<P>, fx: Fixture, actor: Actor): void;
  /** Undoes what `input` or a successful call left behind; runs after every call group. */
  cleanup?(fx: Fixture): Promise<void>;
}

export type Matrix = { [P in ProcedurePath]: Entry<P> };

/** The same entry with its types erased, for running any row generically. */
export interface AnyEntry {
  expect: Record<Actor, Expectation>;
  input(fx: Fixture, purpose: Purpose): unknown;
  check?(result: unknown, fx: Fixture, actor: Actor): void;
  cleanup?(fx: Fixture): Promise<void>;
}

export function entryFor(path: string): AnyEntry | undefined {
  return Object.hasOwn(matrix, path) ? (matrix[path as ProcedurePath] as unknown as AnyEntry) : undefined;
}

/** HR sees aggregates only: not one person's name or id, of either organization. */
function expectNoPerson(fx: Fixture, what: string, result: unknown) {
  const json = JSON.stringify(result);
  for (const p of everyone(fx.w)) {
    expect(json, `${what} names ${p.label}`).not.toContain(p.id);
    expect(json, `${what} names ${p.label}`).not.toContain(p.name);
  }
}

const isUuid = (value: string) => expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const matrix: Matrix = {
  "me.get": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (me, fx, actor) => expect(me.person.id).toBe(personOf(fx.w, actor)?.id),
  },

  "directory.list": {
    expect: only(...EVERY_MEMBER),
    // A search for a person of pair A1: found within org A, nowhere else. (Every field is
    // used, so the fuzz test reaches each of them.)
    input: (fx) => ({ query: "Report A1", cursor: { name: "Report A", id: fx.w.a.report1.id }, limit: 10 }),
    check: (page, fx, actor) => expect(page.people.map((p) => p.id)).toEqual(actor === "otherOrgMember" ? [] : [fx.w.a.report1.id]),
  },

  "assessments.listMine": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (list, fx, actor) => {
      const ids = list.map((a) => a.id);
      const inPair = actor === "employee" || actor === "manager";
      for (const id of [fx.assessments.revealedA1, fx.assessments.draftA1]) expect(ids.includes(id), `${actor} lists ${id}`).toBe(inPair);
    },
  },

  "assessments.get": {
    expect: only("employee", "manager"),
    input: (fx) => ({ assessmentId: fx.assessments.draftA1 }),
    check: (assessment, _fx, actor) => {
      const side = actor === "manager" ? "manager" : "employee";
      const other = side === "manager" ? "employee" : "manager";
      expect(assessment.side).toBe(side);
      expect(assessment.mine.answers).toEqual(DRAFTS[side]);
      // None of the other side's draft: no value, and no question only they answered.
      const json = JSON.stringify(assessment);
      for (const [key, value] of Object.entries(DRAFTS[other])) {
        if (!(key in DRAFTS[side])) expect(json, `${actor} sees the other side's "${key}"`).not.toContain(`"${key}"`);
        if (typeof value === "string") expect(json).not.toContain(value);
      }
    },
  },

  "assessments.saveDraft": {
    expect: only("employee", "manager"),
    input: async (fx, purpose) =>
      purpose === "ok"
        ? { assessmentId: await freshCheckInA1(fx), changes: { "trust.ability": 4, topics: "saved by the matrix" } }
        : // A refused save must not touch the live draft.
          { assessmentId: fx.assessments.draftA1, changes: { "trust.ability": 5, topics: "OVERWRITTEN" } },
    check: (saved) => expect(saved.revision).toBe(1),
    cleanup: endCheckInsOfA1,
  },

  "assessments.submit": {
    expect: only("employee", "manager"),
    // Both sides answered everything: the allowed actors could submit it.
    input: (fx) => freshCheckInA1(fx, { answered: true }).then((assessmentId) => ({ assessmentId, shareChooseAgain: true })),
    check: (submitted) => expect(submitted).toEqual({ revealed: false, waitingFor: expect.any(String) }),
    cleanup: endCheckInsOfA1,
  },

  "assessments.results": {
    expect: only("employee", "manager"),
    input: (fx) => ({ assessmentId: fx.assessments.revealedA1 }),
    check: (results, _fx, actor) => {
      expect(results.mySide).toBe(actor === "manager" ? "manager" : "employee");
      expect(results.sides.employee.answers.topics).toBe(SECRETS.a1EmployeeRevealed.text);
      expect(results.sides.manager.answers.topics).toBe(SECRETS.a1ManagerRevealed.text);
    },
  },

  "assessments.startCheckIn": {
    expect: only("employee", "manager"),
    // Pair A1 has no check-in in progress between calls: the allowed actors could start one.
    input: (fx) => ({ pairId: fx.pairs.a1 }),
    check: (started) => isUuid(started.assessmentId),
    cleanup: endCheckInsOfA1,
  },

  "assessments.cancelCheckIn": {
    expect: only("employee", "manager"),
    input: async (fx) => ({ assessmentId: await freshCheckInA1(fx) }),
    check: (cancelled) => expect(cancelled).toEqual({ cancelled: true }),
    cleanup: endCheckInsOfA1,
  },

  "cycles.list": {
    // Org B's HR admin lists org B's cycles: allowed, and nothing of org A is in it.
    expect: only("hrAdmin", "owner", "otherOrgMember"),
    input: () => undefined,
    check: (cycles, fx, actor) => {
      if (actor === "otherOrgMember") return;
      expect(cycles.map((c) => c.name)).toEqual(expect.arrayContaining(["Spring round A", "Summer round A", "Autumn round A"]));
      // Only pair A1 completed the spring round: below k, the count is not shown.
      expect(cycles.find((c) => c.id === fx.cycles.revealedA)?.participation).toMatchObject({ pairs: 7, complete: null });
      // Counts only: no person's name or id, of either organization.
      expectNoPerson(fx, "cycles.list", cycles);
    },
  },

  "cycles.departments": {
    expect: only("hrAdmin", "owner", "otherOrgMember"),
    input: () => undefined,
    check: (departments, fx, actor) => {
      if (actor !== "otherOrgMember") expect(departments.map((d) => d.id)).toEqual(expect.arrayContaining([fx.w.a.dept.id, fx.scratchDepartment]));
    },
  },

  "cycles.create": {
    // Org B's HR admin is refused because the department is org A's.
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ name: "Matrix round", opensOn: "2027-01-01", closesOn: "2027-01-31", departmentIds: [fx.scratchDepartment] }),
    check: (created) => isUuid(created.cycleId),
  },

  "cycles.open": {
    expect: only("hrAdmin", "owner"),
    // Refusals aim at org A's draft cycle over every pair; allowed actors open a scratch cycle.
    input: async (fx, purpose) => ({ cycleId: purpose === "ok" ? await scratchCycle(fx) : fx.cycles.draftA }),
    check: (opened) => expect(opened).toEqual({ pairs: 0 }),
  },

  "cycles.close": {
    expect: only("hrAdmin", "owner"),
    // Refusals aim at org A's open round that holds pair A1's drafts.
    input: async (fx, purpose) => ({ cycleId: purpose === "ok" ? await scratchCycle(fx, { open: true }) : fx.cycles.openA }),
    check: (closed) => expect(closed).toEqual({ closed: true }),
  },

  "cycles.remind": {
    expect: only("hrAdmin", "owner"),
    // Refusals aim at org A's open round with people still to answer (and must not use up its
    // once-per-12-hours reminder); allowed actors remind a scratch cycle of their own.
    input: async (fx, purpose) => ({ cycleId: purpose === "ok" ? await scratchCycle(fx, { open: true }) : fx.cycles.openA }),
    check: (reminded) => expect(reminded).toEqual({ sent: true }),
  },

  "org.settings": {
    expect: only("owner"),
    input: () => undefined,
    check: (settings) => expect(settings.name).toBe("Org A"),
  },

  "org.setMinGroupSize": {
    expect: only("owner"),
    // A refused change aims at a value other than the current 5; an allowed one is set back.
    input: (_fx, purpose) => ({ minGroupSize: purpose === "ok" ? 6 : 7 }),
    check: (changed) => expect(changed).toEqual({ minGroupSize: 6 }),
    cleanup: async (fx) => {
      await callerAs(fx, "owner").org.setMinGroupSize({ minGroupSize: 5 });
    },
  },

  "org.auditLog": {
    expect: only("owner"),
    input: () => ({ before: new Date("2100-01-01T00:00:00Z"), limit: 50 }),
    check: (log) => expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["cycle.created", "cycle.opened"])),
  },

  "peopleImport.preview": {
    // Org B's HR admin may check a file against org B: the address of org A's report1 is a new
    // person there, and nothing says it exists in org A.
    expect: only("hrAdmin", "owner", "otherOrgMember"),
    input: (fx) => ({ csv: `email,name,title\n${fx.w.a.report1.email},Renamed Person,Matrix title\n` }),
    check: (preview, _fx, actor) => {
      expect(preview.problemCount).toBe(0);
      expect(preview.summary).toMatchObject(actor === "otherOrgMember" ? { creates: 1, updates: 0 } : { creates: 0, updates: 1 });
    },
  },

  "peopleImport.confirm": {
    // Org B's HR admin replaying org A's checked file: its plan against org B differs, so refused.
    expect: { ...only("hrAdmin", "owner"), otherOrgMember: "conflict" },
    input: (fx) => checkedImport(fx),
    check: (imported) => expect(imported).toMatchObject({ created: 1, updated: 0, managerChanges: 0 }),
  },

  "trends.cycle": {
    // Org B's HR admin is refused because the cycle is org A's.
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ cycleId: fx.cycles.revealedA }),
    check: (trends, fx) => {
      expect(trends.cycle?.id).toBe(fx.cycles.revealedA);
      expectNoPerson(fx, "trends.cycle", trends);
    },
  },

  "trends.series": {
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ groupId: fx.w.a.dept.id }),
    check: (series, fx) => {
      expect(series.map((s) => s.cycle.id)).toEqual(expect.arrayContaining([fx.cycles.revealedA, fx.cycles.openA]));
      expectNoPerson(fx, "trends.series", series);
    },
  },

  "trends.exportCsv": {
    // A mutation only in that it records the export in the audit log; the cycle is untouched.
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ cycleId: fx.cycles.revealedA }),
    check: (file, fx) => {
      expect(file.csv).toContain("Engineering A");
      expectNoPerson(fx, "trends.exportCsv", file);
    },
  },

  "pairs.dashboard": {
    expect: only("employee", "manager"),
    input: (fx) => ({ pairId: fx.pairs.a1, assessmentId: fx.assessments.revealedA1 }),
    check: (dashboard, fx) => {
      expect(dashboard.pair.id).toBe(fx.pairs.a1);
      expect(dashboard.current?.id).toBe(fx.assessments.revealedA1);
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Reading a refusal

/** "ok", "not_found", "unauthorized", or a description of anything else (code and message). */
export async function classify(promise: Promise<unknown>): Promise<{ outcome: string; result?: unknown }> {
  try {
    return { outcome: "ok", result: await promise };
  } catch (err) {
    if (!(err instanceof TRPCError)) return { outcome: `not a TRPCError: ${String(err)}` };
    if (err.code === "NOT_FOUND" && err.message === "Not found") return { outcome: "not_found" };
    if (err.code === "UNAUTHORIZED") return { outcome: "unauthorized" };
    if (err.code === "CONFLICT") return { outcome: "conflict" };
    return { outcome: `${err.code}: ${err.message}` };
  }
}
