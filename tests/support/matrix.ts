import crypto from "node:crypto";
import { TRPCError, type AnyProcedure, type inferProcedureInput, type inferProcedureOutput } from "@trpc/server";
import { afterAll, beforeAll, expect, vi } from "vitest";
import type { Db } from "@/db/client";
import type { Answers } from "@/server/assessments/answers";
import { appRouter, type AppRouter } from "@/server/trpc/root";
import { completeAnswers } from "./answers";
import { createTestDb, type TestDb } from "./db";
import { assessmentWith, everyone, fill, openCycleFor, type Caller } from "./assessments";
import { settleTrends } from "./trends";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import { appSessions, assessments, orgRoles, pairs as pairsTable, people as peopleTable } from "@/db/schema";
import { callerFor, createDepartment, createOrg, createPerson, createWorld, sessionFor, type World } from "./factories";
import { setManager } from "@/server/people/set-manager";
import { loadActor } from "@/server/access/actor";
import { runDueJobs } from "@/server/jobs/queue";
import { createImportRun, peopleImportHandlers } from "@/server/people-import/import-runs";
import { addDays, at, dayOf, restoreMeetings, setAsideSeriesOf, snapshotMeetings, weekdayOf, type MeetingsSnapshot } from "./meetings";

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
  return callerFor(fx.db, personOf(fx.w, actor)?.id ?? null, actor === "signedOut" ? undefined : fx.sessions[actor]);
}

/** Puts every actor's session back as buildFixture made it (after signing out everywhere, or switching organization). */
export async function restoreSessions(fx: Fixture): Promise<void> {
  for (const actor of EVERY_MEMBER) {
    const row = fx.sessions[actor].row;
    await fx.db
      .insert(appSessions)
      .values(row)
      .onConflictDoUpdate({ target: appSessions.id, set: { orgId: row.orgId, personId: row.personId } });
  }
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
  return Object.fromEntries(ACTORS.map((a) => [a, a === "signedOut" ? "unauthorized" : allowed.includes(a) ? "ok" : "not_found"])) as Record<
    Actor,
    Expectation
  >;
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
  // Pair A1's first 1:1: what both of them see, and each side's private note.
  a1Agenda: { text: "A1-SHARED-AGENDA the promotion path", visibleTo: ["employee", "manager"] },
  a1SharedNotes: { text: "A1-SHARED-NOTES agreed to revisit the workload", visibleTo: ["employee", "manager"] },
  a1ActionItem: { text: "A1-ACTION-ITEM write down the on-call rota", visibleTo: ["employee", "manager"] },
  a1EmployeePrivateNote: { text: "A1-EMPLOYEE-PRIVATE-NOTE my manager talks over me", visibleTo: ["employee"] },
  a1ManagerPrivateNote: { text: "A1-MANAGER-PRIVATE-NOTE may not renew the contract", visibleTo: ["manager"] },
  /** The name of the employee's personal agenda template. */
  a1PersonalTemplate: { text: "A1-PERSONAL-TEMPLATE asking for a raise", visibleTo: ["employee"] },
  // The neighbouring pair's and the other organization's 1:1s: nobody of the actors may see them.
  a2SharedNotes: { text: "A2-SHARED-NOTES rumours of a reorg", visibleTo: [] },
  a2ManagerPrivateNote: { text: "A2-MANAGER-PRIVATE-NOTE plans a warning", visibleTo: [] },
  b1SharedNotes: { text: "B1-SHARED-NOTES budget cuts ahead", visibleTo: [] },
  b1EmployeePrivateNote: { text: "B1-EMPLOYEE-PRIVATE-NOTE interviewing elsewhere", visibleTo: [] },
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
  /** `closedA`: a closed cycle of org A whose figures are published (nobody answered it). */
  cycles: { closedA: string; revealedA: string; openA: string; draftA: string; b: string };
  /** An org A department nobody is in: cycles scoped to it invite no pair (disposable targets). */
  scratchDepartment: string;
  /** 1:1s: pair A1's weekly series and its first meetings, and neighbours' for the leak check. */
  meetings: {
    /** Pair A1's weekly series, set up by the employee, its first meeting a few days from today. */
    seriesA1: string;
    /** Pair A1's rule (Europe/Berlin): what its meetings' times follow. */
    ruleA1: SeriesRule;
    /** The series' first day: the first meeting's date. */
    startsOnA1: string;
    /** The first meeting: two agenda items, shared notes, both sides' private notes, an open action item. */
    firstA1: string;
    /** The next one (empty). */
    secondA1: string;
    /** A later one (empty, on startsOnA1 + 14 days): the disposable target of "ok" calls that change a meeting. */
    scratchA1: string;
    /** The first meeting's agenda items: the employee's (SECRETS.a1Agenda), then the manager's. */
    agendaA1: [string, string];
    /** The first meeting's open action item (SECRETS.a1ActionItem), the employee's to do. */
    actionItemA1: string;
    /** Pair A2's first meeting (shared notes, the manager's private note). */
    firstA2: string;
    /** Pair B1's first meeting (shared notes, the employee's private note). */
    firstB1: string;
  };
  templates: {
    /** An org A template HR made: every member of org A may use it, HR admins and owners edit it. */
    orgA: string;
    /** The employee's personal template (named SECRETS.a1PersonalTemplate): theirs alone. */
    personalA1: string;
  };
  /** The meeting tables of both organizations as buildFixture left them (resetMeetings puts them back). */
  meetingsAsBuilt: MeetingsSnapshot;
  /** Ids and names of each organization, none of which may reach the other. */
  orgData: { a: string[]; b: string[] };
  /** Each signed-in actor's server-side session (an emailed-link sign-in), as its row was made. */
  sessions: Record<SignedInActor, { id: string; userId: string; method: "email"; row: typeof appSessions.$inferSelect }>;
  /** Org C's person with the employee's address: the one other organization the employee's identity may switch to. */
  employeeElsewhere: { id: string; orgId: string; orgName: string };
  /** An org A person who left (deactivated, no pairs): the live target of refused reactivations. */
  departedA: { id: string; email: string };
  /** A background import of org A, uploaded by HR and checked by the worker (one new person, no problems). */
  importRunA: string;
  /** People, pairs, roles and assessments' closing of orgs A and B as built (restorePeople puts them back). */
  peopleAsBuilt: PeopleSnapshot;
}

/** A series' rule as createSeries takes it. */
export type SeriesRule = Omit<InputOf<"meetings.createSeries">, "pairId" | "startsOn">;

export const ORG_TEMPLATE_A = {
  name: "Org A quarterly review",
  purpose: "The questions org A asks every quarter.",
  sections: [
    {
      title: "Looking back",
      items: [{ text: "Org A template: what went well", prompt: "Which result are you proudest of?" }, { text: "Org A template: what to change" }],
    },
  ],
};

/**
 * A test file's database with the fixture built in it: opened before the file's tests, closed
 * after them. Procedures log with console.info; the tables silence it.
 */
export function fixtureForFile(): { readonly db: Db; readonly fx: Fixture } {
  let t: TestDb | undefined;
  let fx: Fixture | undefined;
  beforeAll(async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    t = await createTestDb();
    fx = await buildFixture(t.db);
  });
  afterAll(() => t?.close());
  return {
    get db() {
      return t!.db;
    },
    get fx() {
      return fx!;
    },
  };
}

export async function buildFixture(db: Db): Promise<Fixture> {
  const w = await createWorld(db);
  const as = (p: { id: string }) => callerFor(db, p.id);
  const pairOf = async (report: { id: string }) => (await as(report).me.get()).pairs.asReport[0]!.id;
  const scratch = await createDepartment(db, w.a.org.id, "Scratch A");

  const past = await openCycleFor(db, w, "a", { name: "Past round A", opensOn: "2026-01-05", closesOn: "2026-01-30" });
  await as(w.a.hr).cycles.close({ cycleId: past.cycleId });
  await settleTrends(db);

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

  // Pair A1's weekly 1:1, set up by the employee: the first meeting three days from today, on
  // that day's weekday, so its meetings are a week apart from startsOnA1 on.
  const startsOnA1 = addDays(dayOf(new Date()), 3);
  const ruleA1: SeriesRule = {
    frequency: "weekly",
    weekday: weekdayOf(startsOnA1),
    weekOfMonth: null,
    startTime: "10:00",
    timeZone: "Europe/Berlin",
    durationMinutes: 30,
  };
  const employee = as(w.a.report1);
  const manager = as(w.a.manager1);
  const { seriesId: seriesA1 } = await employee.meetings.createSeries({ pairId: pairs.a1, startsOn: startsOnA1, ...ruleA1 });
  const [firstA1, secondA1, scratchA1] = (await employee.meetings.forPair({ pairId: pairs.a1 })).upcoming.map((m) => m.id);
  if (!firstA1 || !secondA1 || !scratchA1) throw new Error("pair A1's series planned fewer than three meetings");
  const agendaEmployee = await employee.meetings.addAgendaItem({ meetingId: firstA1, text: SECRETS.a1Agenda.text, detail: "Where do I stand?" });
  const agendaManager = await manager.meetings.addAgendaItem({ meetingId: firstA1, text: "Quarterly goals" });
  await manager.meetings.saveSharedNotes({ meetingId: firstA1, body: SECRETS.a1SharedNotes.text, baseVersion: 0 });
  await employee.meetings.savePrivateNote({ meetingId: firstA1, body: SECRETS.a1EmployeePrivateNote.text });
  await manager.meetings.savePrivateNote({ meetingId: firstA1, body: SECRETS.a1ManagerPrivateNote.text });
  const actionItem = await manager.meetings.addActionItem({
    meetingId: firstA1,
    text: SECRETS.a1ActionItem.text,
    ownerId: w.a.report1.id,
    dueOn: addDays(startsOnA1, 7),
  });

  // The neighbouring pair's and the other organization's 1:1s, with notes of their own.
  const firstMeetingOf = async (report: { id: string }, pairId: string) => {
    const { seriesId } = await as(report).meetings.createSeries({ pairId, startsOn: startsOnA1, ...ruleA1, startTime: "14:00" });
    return { seriesId, meetingId: (await as(report).meetings.forPair({ pairId })).upcoming[0]!.id };
  };
  const { seriesId: seriesA2, meetingId: firstA2 } = await firstMeetingOf(w.a.report2, pairs.a2);
  await as(w.a.manager2).meetings.saveSharedNotes({ meetingId: firstA2, body: SECRETS.a2SharedNotes.text, baseVersion: 0 });
  await as(w.a.manager2).meetings.savePrivateNote({ meetingId: firstA2, body: SECRETS.a2ManagerPrivateNote.text });
  const { seriesId: seriesB1, meetingId: firstB1 } = await firstMeetingOf(w.b.report1, pairs.b1);
  await as(w.b.manager1).meetings.saveSharedNotes({ meetingId: firstB1, body: SECRETS.b1SharedNotes.text, baseVersion: 0 });
  await as(w.b.report1).meetings.savePrivateNote({ meetingId: firstB1, body: SECRETS.b1EmployeePrivateNote.text });

  const { templateId: orgTemplateA } = await as(w.a.hr).meetings.saveTemplate({ scope: "org", ...ORG_TEMPLATE_A });
  const { templateId: personalA1 } = await employee.meetings.saveTemplate({
    scope: "personal",
    name: SECRETS.a1PersonalTemplate.text,
    purpose: "Before the salary round.",
    sections: [{ title: "Pay", items: [{ text: "My market value" }] }],
  });

  // Every actor signs in by email link; the employee's address is also a person of org C.
  const orgC = await createOrg(db, "Org C");
  const elsewhere = await createPerson(db, orgC.id, { name: "Report A1 at C", email: w.a.report1.email });
  const sessions = {} as Fixture["sessions"];
  for (const actor of EVERY_MEMBER) {
    const person = personOf(w, actor)!;
    const full = [w.a, w.b].flatMap((o) => Object.values(o)).find((p): p is typeof w.a.report1 => "email" in p && p.id === person.id)!;
    const s = await sessionFor(db, full);
    const [row] = await db.select().from(appSessions).where(eq(appSessions.id, s.id));
    sessions[actor] = { id: s.id, userId: s.userId, method: "email", row: row! };
  }

  const departed = await createPerson(db, w.a.org.id, { name: "Departed A", managerId: w.a.manager2.id });
  await db.transaction(async (tx) => {
    await setManager(tx, { orgId: w.a.org.id, personId: departed.id, managerId: null });
    await tx.update(peopleTable).set({ deactivatedAt: new Date() }).where(eq(peopleTable.id, departed.id));
  });

  const people = everyone(w);
  const ofOrg = (label: "A" | "B") => people.filter((p) => p.label.startsWith(`${label} `)).flatMap((p) => [p.id, p.name]);
  const org = (o: World["a"]) => [o.org.id, o.org.name, o.dept.id, o.dept.name];
  return {
    db,
    w,
    pairs,
    assessments: { revealedA1, draftA1, checkInA2, revealedB1 },
    cycles: { closedA: past.cycleId, revealedA: spring.cycleId, openA: summer.cycleId, draftA: autumn.cycleId, b: winter.cycleId },
    scratchDepartment: scratch.id,
    meetings: {
      seriesA1,
      ruleA1,
      startsOnA1,
      firstA1,
      secondA1,
      scratchA1,
      agendaA1: [agendaEmployee.id, agendaManager.id],
      actionItemA1: actionItem.id,
      firstA2,
      firstB1,
    },
    templates: { orgA: orgTemplateA, personalA1 },
    meetingsAsBuilt: await snapshotMeetings(db, [w.a.org.id, w.b.org.id]),
    sessions,
    employeeElsewhere: { id: elsewhere.id, orgId: orgC.id, orgName: orgC.name },
    departedA: { id: departed.id, email: departed.email },
    importRunA: await checkedRun(db, w.a.hr.id),
    peopleAsBuilt: await snapshotPeople(db, [w.a.org.id, w.b.org.id]),
    orgData: {
      a: [
        ...ofOrg("A"),
        ...org(w.a),
        scratch.id,
        scratch.name,
        pairs.a1,
        pairs.a2,
        revealedA1,
        draftA1,
        checkInA2,
        spring.cycleId,
        summer.cycleId,
        autumn.cycleId,
        "Spring round A",
        "Summer round A",
        "Autumn round A",
        seriesA1,
        firstA1,
        secondA1,
        scratchA1,
        agendaEmployee.id,
        agendaManager.id,
        actionItem.id,
        seriesA2,
        firstA2,
        orgTemplateA,
        ORG_TEMPLATE_A.name,
        personalA1,
        departed.id,
        departed.name,
      ],
      b: [...ofOrg("B"), ...org(w.b), pairs.b1, revealedB1, winter.cycleId, "Winter round B", seriesB1, firstB1],
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

/**
 * Ends every check-in of pair A1 still open, so the pair can start a new one: cancelled while
 * neither side has submitted; closed unrevealed in the database once one has (no one may cancel
 * it then, as when its pair ends).
 */
export async function endCheckInsOfA1(fx: Fixture): Promise<void> {
  const employee = callerAs(fx, "employee");
  for (const a of await employee.assessments.listMine()) {
    if (a.pairId !== fx.pairs.a1 || a.kind !== "check_in" || a.state !== "open") continue;
    if (a.mine === "submitted" || a.otherSubmitted) {
      await fx.db
        .update(assessments)
        .set({ closedAt: new Date() })
        .where(and(eq(assessments.orgId, fx.w.a.org.id), eq(assessments.id, a.id)));
    } else {
      await employee.assessments.cancelCheckIn({ assessmentId: a.id });
    }
  }
}

/** A people import for org A that creates one new person (unique per call), checked by HR: { csv, expectedHash }. */
export async function checkedImport(fx: Fixture): Promise<{ csv: string; expectedHash: string }> {
  const csv = `email,name\nmatrix.import.${crypto.randomUUID()}@example.test,Imported by the matrix\n`;
  const { hash } = await callerAs(fx, "hrAdmin").peopleImport.preview({ csv });
  if (!hash) throw new Error("the matrix's import file has problems");
  return { csv, expectedHash: hash };
}

// People administration's disposable targets and its undo. An "ok" call acts on a scratch
// person of its own; whatever a call (or the fuzz test's hostile ids) did to the fixture's
// people, restorePeople puts people, pairs, roles, check-ins and sessions back as built.

export interface PeopleSnapshot {
  orgIds: string[];
  people: (typeof peopleTable.$inferSelect)[];
  pairs: (typeof pairsTable.$inferSelect)[];
  roles: (typeof orgRoles.$inferSelect)[];
  assessments: { id: string; closedAt: Date | null }[];
}

export async function snapshotPeople(db: Db, orgIds: string[]): Promise<PeopleSnapshot> {
  return {
    orgIds,
    people: await db.select().from(peopleTable).where(inArray(peopleTable.orgId, orgIds)),
    pairs: await db.select().from(pairsTable).where(inArray(pairsTable.orgId, orgIds)),
    roles: await db.select().from(orgRoles).where(inArray(orgRoles.orgId, orgIds)),
    assessments: await db.select({ id: assessments.id, closedAt: assessments.closedAt }).from(assessments).where(inArray(assessments.orgId, orgIds)),
  };
}

export async function restorePeople(fx: Fixture): Promise<void> {
  const snap = fx.peopleAsBuilt;
  await fx.db.transaction(async (tx) => {
    const pairIds = snap.pairs.map((p) => p.id);
    await tx.delete(pairsTable).where(and(inArray(pairsTable.orgId, snap.orgIds), notInArray(pairsTable.id, pairIds)));
    // Close every pair first, so reopening one never meets another open pair of the same report.
    const now = new Date();
    for (const p of snap.pairs)
      await tx
        .update(pairsTable)
        .set({ endedAt: p.endedAt ?? now })
        .where(eq(pairsTable.id, p.id));
    // Addresses first to placeholders, so two people whose addresses were swapped can't collide.
    for (const p of snap.people)
      await tx
        .update(peopleTable)
        .set({ email: `restoring.${p.id}@example.test` })
        .where(eq(peopleTable.id, p.id));
    for (const p of snap.people) {
      const { id, orgId: _orgId, createdAt: _createdAt, ...fields } = p;
      await tx.update(peopleTable).set(fields).where(eq(peopleTable.id, id));
    }
    for (const p of snap.pairs) if (p.endedAt === null) await tx.update(pairsTable).set({ endedAt: null }).where(eq(pairsTable.id, p.id));
    await tx.delete(orgRoles).where(inArray(orgRoles.orgId, snap.orgIds));
    if (snap.roles.length > 0) await tx.insert(orgRoles).values(snap.roles);
    for (const a of snap.assessments) await tx.update(assessments).set({ closedAt: a.closedAt }).where(eq(assessments.id, a.id));
  });
  await restoreSessions(fx);
}

/** An uploaded file of org A (one new person), checked by the worker as it would be after an upload. */
export async function checkedRun(db: Db, personId: string): Promise<string> {
  const actor = await loadActor(db, personId);
  if (!actor) throw new Error("no actor for the matrix's import run");
  const { runId } = await createImportRun(db, actor, {
    fileName: "matrix.csv",
    csv: `Work Email,First Name,Last Name\nmatrix.run.${crypto.randomUUID()}@example.test,Run,Person\n`,
  });
  await runDueJobs(db, new Date(), peopleImportHandlers());
  return runId;
}

/** A new org A person reporting to manager2, for a call that changes or deactivates someone. */
export async function scratchPersonA(fx: Fixture, options: { deactivated?: boolean } = {}): Promise<{ id: string; email: string }> {
  const person = await createPerson(fx.db, fx.w.a.org.id, { name: "Scratch Person A", managerId: options.deactivated ? undefined : fx.w.a.manager2.id });
  if (options.deactivated) await fx.db.update(peopleTable).set({ deactivatedAt: new Date() }).where(eq(peopleTable.id, person.id));
  return { id: person.id, email: person.email };
}

/** A cycle of org A over the scratch department (no pairs), created by HR, opened if asked. */
export async function scratchCycle(fx: Fixture, { open = false } = {}): Promise<string> {
  const hr = callerAs(fx, "hrAdmin");
  const { cycleId } = await hr.cycles.create({ name: "Scratch round", opensOn: "2027-01-01", closesOn: "2027-01-31", departmentIds: [fx.scratchDepartment] });
  if (open) await hr.cycles.open({ cycleId });
  return cycleId;
}

// Disposable 1:1 targets. An "ok" call that changes something acts on a target of its own (pair
// A1's scratch meeting, a scratch series, a fresh agenda or action item, a fresh template), and
// every meetings row's cleanup puts the meeting tables back exactly as buildFixture left them
// (resetMeetings), so the rows run in any order and pair A1's first meeting keeps its content.

/** The meeting tables of both organizations back as buildFixture left them, ids included. */
export async function resetMeetings(fx: Fixture): Promise<void> {
  await restoreMeetings(fx.db, fx.meetingsAsBuilt);
}

/**
 * Pair A1 without a running series, so that either of its people may set one up. No procedure
 * can take a series out of the running before its first day (ending it keeps that day), so the
 * fixture's series is set aside in the database; resetMeetings puts it back.
 */
export async function withoutSeriesA1(fx: Fixture): Promise<void> {
  await setAsideSeriesOf(fx.db, fx.w.a.org.id, fx.pairs.a1);
}

/** A scratch series of pair A1 (the fixture's set aside), set up by the employee: every two weeks from two days on. */
export async function scratchSeriesA1(fx: Fixture): Promise<{ seriesId: string; startsOn: string }> {
  await withoutSeriesA1(fx);
  const startsOn = addDays(dayOf(new Date()), 2);
  const { seriesId } = await callerAs(fx, "employee").meetings.createSeries({
    pairId: fx.pairs.a1,
    startsOn,
    frequency: "biweekly",
    weekday: weekdayOf(startsOn),
    weekOfMonth: null,
    startTime: "16:00",
    timeZone: "Europe/Berlin",
    durationMinutes: 30,
  });
  return { seriesId, startsOn };
}

/** A new agenda item on pair A1's scratch meeting, added by the employee. */
export async function scratchAgendaItem(fx: Fixture, text = "Scratch agenda item"): Promise<string> {
  return (await callerAs(fx, "employee").meetings.addAgendaItem({ meetingId: fx.meetings.scratchA1, text })).id;
}

/** A new open action item on pair A1's scratch meeting, the employee's, added by the manager. */
export async function scratchActionItem(fx: Fixture): Promise<string> {
  const input = { meetingId: fx.meetings.scratchA1, text: "Scratch action item", ownerId: fx.w.a.report1.id, dueOn: null };
  return (await callerAs(fx, "manager").meetings.addActionItem(input)).id;
}

/** A template body that uses every field. */
const TEMPLATE_BODY = {
  purpose: "Made by the matrix.",
  sections: [{ title: "Matrix section", items: [{ text: "Matrix item", prompt: "A matrix question?" }, { text: "Second matrix item" }] }],
};

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
  "session.organizations": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (orgs, fx, actor) => {
      expect(orgs.filter((o) => o.current).map((o) => o.personId)).toEqual([personOf(fx.w, actor)?.id]);
      // Only the employee's address is a person elsewhere (org C).
      expect(orgs.map((o) => o.personId).sort()).toEqual(
        actor === "employee" ? [fx.w.a.report1.id, fx.employeeElsewhere.id].sort() : [personOf(fx.w, actor)?.id],
      );
    },
  },

  "session.switchOrganization": {
    // Only the identity holding the address may switch to its person; anyone else's is not found.
    expect: only("employee"),
    input: (fx) => ({ personId: fx.employeeElsewhere.id }),
    check: (result, fx) => expect(result.orgName).toBe(fx.employeeElsewhere.orgName),
    cleanup: restoreSessions,
  },

  "session.signOutEverywhere": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (result) => expect(result.ended).toBeGreaterThanOrEqual(1),
    cleanup: restoreSessions,
  },

  "me.get": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (me, fx, actor) => expect(me.person.id).toBe(personOf(fx.w, actor)?.id),
  },

  "me.shell": {
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
      expect(cycles.find((c) => c.id === fx.cycles.revealedA)?.participation).toMatchObject({
        invited: { hidden: false, value: 7 },
        complete: { hidden: true },
      });
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

  "cycles.calendar": {
    // Org B's HR admin reads org B's zone: allowed, and it is not org A's business.
    expect: only("hrAdmin", "owner", "otherOrgMember"),
    input: () => undefined,
    check: (calendar) => {
      expect(calendar.timeZone).toBe("UTC");
      expect(calendar.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
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

  "org.setTimeZone": {
    expect: only("owner"),
    // A refused change aims at a zone other than the current UTC; an allowed one is set back.
    input: (_fx, purpose) => ({ timeZone: purpose === "ok" ? "Europe/Berlin" : "America/New_York" }),
    check: (changed) => expect(changed).toEqual({ timeZone: "Europe/Berlin" }),
    cleanup: async (fx) => {
      await callerAs(fx, "owner").org.setTimeZone({ timeZone: "UTC" });
    },
  },

  "org.auditLog": {
    expect: only("owner"),
    // Every filter used (the fuzz test reaches each): cycles opened on any day from 2000 on, by anyone.
    input: (fx) => ({
      before: new Date("2100-01-01T00:00:00Z"),
      limit: 50,
      action: "cycle.opened" as const,
      personEmail: fx.w.a.hr.email,
      from: "2000-01-01",
      to: "2099-12-31",
    }),
    check: (log) => {
      expect(log.entries.length).toBeGreaterThan(0);
      expect(new Set(log.entries.map((e) => e.action))).toEqual(new Set(["cycle.opened"]));
    },
  },

  "people.list": {
    // Org B's HR admin lists org B: the same filters find nobody there.
    expect: only("hrAdmin", "owner", "otherOrgMember"),
    input: (fx) => ({
      query: "Report A1",
      departmentId: fx.w.a.dept.id,
      manager: "Manager A1",
      status: "all" as const,
      cursor: { name: "Report A", id: fx.w.a.report1.id },
      limit: 10,
    }),
    check: (page, fx, actor) => {
      expect(page.people.map((p) => p.id)).toEqual(actor === "otherOrgMember" ? [] : [fx.w.a.report1.id]);
      expect(page.total).toBe(actor === "otherOrgMember" ? 0 : 1);
    },
  },

  "people.departments": {
    expect: only("hrAdmin", "owner", "otherOrgMember"),
    input: () => undefined,
    check: (departments, _fx, actor) => expect(departments.map((d) => d.name)).toContain(actor === "otherOrgMember" ? "Engineering B" : "Engineering A"),
  },

  "people.get": {
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ personId: fx.w.a.report1.id }),
    check: (person, fx) => {
      expect(person.manager?.id).toBe(fx.w.a.manager1.id);
      expect(person.pairs.map((p) => [p.id, p.as, p.other.id])).toEqual([[fx.pairs.a1, "report", fx.w.a.manager1.id]]);
    },
  },

  "people.update": {
    expect: only("hrAdmin", "owner"),
    // Refusals aim at pair A1's employee (moved to manager2 and renamed if they got through).
    input: async (fx, purpose) => {
      const target = purpose === "ok" ? await scratchPersonA(fx) : { id: fx.w.a.report1.id };
      return {
        personId: target.id,
        name: "Renamed by the matrix",
        givenName: "Matrix",
        email: `matrix.${crypto.randomUUID()}@example.test`,
        title: "Matrix title",
        department: "Engineering A",
        startDate: "2024-03-15",
        managerEmail: fx.w.a.manager1.email,
      };
    },
    check: (result) => expect(result.changed).toEqual(["name", "givenName", "email", "title", "department", "startDate", "manager"]),
    cleanup: restorePeople,
  },

  "people.deactivate": {
    expect: only("hrAdmin", "owner"),
    input: async (fx, purpose) => ({ personId: purpose === "ok" ? (await scratchPersonA(fx)).id : fx.w.a.report1.id }),
    check: (result) => expect(result).toMatchObject({ deactivated: true, reportsWithoutManager: 0 }),
    cleanup: restorePeople,
  },

  "people.reactivate": {
    expect: only("hrAdmin", "owner"),
    input: async (fx, purpose) => ({ personId: purpose === "ok" ? (await scratchPersonA(fx, { deactivated: true })).id : fx.departedA.id }),
    check: (result) => expect(result).toEqual({ deactivated: false }),
    cleanup: restorePeople,
  },

  "people.setHrAdmin": {
    expect: only("hrAdmin", "owner"),
    input: async (fx, purpose) => ({ personId: purpose === "ok" ? (await scratchPersonA(fx)).id : fx.w.a.bystander.id, granted: true }),
    check: (result) => expect(result).toEqual({ granted: true, changed: true }),
    cleanup: restorePeople,
  },

  "people.setOwner": {
    // Only owners make owners: org A's HR admin is refused like anyone else.
    expect: only("owner"),
    input: async (fx, purpose) => ({ personId: purpose === "ok" ? (await scratchPersonA(fx)).id : fx.w.a.bystander.id, granted: true }),
    check: (result) => expect(result).toEqual({ granted: true, changed: true }),
    cleanup: restorePeople,
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

  "peopleImport.run": {
    // Org B's HR admin is refused because the run is org A's.
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ runId: fx.importRunA }),
    check: (run) => {
      expect(run.status).toBe("checked");
      expect(run.preview?.summary).toMatchObject({ creates: 1, updates: 0 });
      expect(run.preview?.creates[0]).toMatchObject({ name: "Run Person", givenName: "Run" });
    },
  },

  "peopleImport.runProblemsCsv": {
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ runId: fx.importRunA }),
    check: (file) => expect(file.csv).toBe("Row,Column,Problem\n"),
  },

  "peopleImport.recheckRun": {
    expect: only("hrAdmin", "owner"),
    input: async (fx, purpose) => ({
      runId: purpose === "ok" ? await checkedRun(fx.db, fx.w.a.hr.id) : fx.importRunA,
      mapping: { "Work Email": "email" as const, "First Name": "firstName" as const },
    }),
    check: (result) => isUuid(result.runId),
    // The worker checks again what a call (or the fuzz test) asked to check.
    cleanup: async (fx) => {
      await runDueJobs(fx.db, new Date(), peopleImportHandlers());
    },
  },

  "peopleImport.confirmRun": {
    expect: only("hrAdmin", "owner"),
    input: async (fx, purpose) => {
      const runId = purpose === "ok" ? await checkedRun(fx.db, fx.w.a.hr.id) : fx.importRunA;
      const run = await callerAs(fx, "hrAdmin").peopleImport.run({ runId });
      // (A run the fuzz test re-checked with odd columns may have no plan: any hash then.)
      return { runId, expectedHash: run.preview?.hash ?? "0".repeat(64) };
    },
    check: (result) => isUuid(result.runId),
  },

  "trends.cycle": {
    // Org B's HR admin is refused because the cycle is org A's.
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ cycleId: fx.cycles.closedA }),
    check: (trends, fx) => {
      expect(trends.cycle?.id).toBe(fx.cycles.closedA);
      expect(trends.cycle?.figures).toBe("published");
      // A team carries its manager's name and id ("Team of <name>", "team:<id>"), nobody else's.
      const managers = [fx.w.a.owner, fx.w.a.grand, fx.w.a.manager1, fx.w.a.manager2];
      expect(
        trends.rows
          .filter((g) => g.kind === "team")
          .map((g) => g.id)
          .sort(),
      ).toEqual(managers.map((m) => `team:${m.id}`).sort());
      const json = managers.reduce((text, m) => text.replaceAll(`Team of ${m.name}`, "Team").replaceAll(`team:${m.id}`, "team"), JSON.stringify(trends));
      expectNoPerson(fx, "trends.cycle", json);
    },
  },

  "trends.series": {
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ groupId: fx.w.a.dept.id }),
    check: (series, fx) => {
      // Published cycles only: the open ones have no figures.
      expect(series.map((s) => s.cycle.id)).toEqual([fx.cycles.closedA]);
      expectNoPerson(fx, "trends.series", series);
    },
  },

  "trends.exportCsv": {
    // A mutation only in that it records the export in the audit log; the cycle is untouched.
    expect: only("hrAdmin", "owner"),
    input: (fx) => ({ cycleId: fx.cycles.closedA }),
    check: (file, fx) => {
      expect(file.csv).toContain("Engineering A");
      expect(file.csv).toContain(`Team of ${fx.w.a.manager1.name},`);
      const managers = [fx.w.a.owner, fx.w.a.grand, fx.w.a.manager1, fx.w.a.manager2];
      expectNoPerson(
        fx,
        "trends.exportCsv",
        managers.reduce((text, m) => text.replaceAll(`Team of ${m.name}`, "Team"), JSON.stringify(file)),
      );
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

  // 1:1 meetings (PRODUCT.md §4): a pair's series, meetings, agenda, shared notes and action
  // items are its two people's and nobody else's, whatever their role; a private note is its
  // author's alone; templates are built-in, the org's (HR admins and owners edit) or personal.
  // Denials aim at pair A1's live series, first meeting and its content; "ok" calls that change
  // something aim at a disposable target, and resetMeetings undoes whatever they did.

  "meetings.mine": {
    // Everyone lists the next 1:1 of their own pairs: pair A1 only for its two people.
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (list, fx, actor) => {
      const a1 = list.find((m) => m.pairId === fx.pairs.a1);
      if (actor !== "employee" && actor !== "manager") return expect(a1, `${actor} lists pair A1`).toBeUndefined();
      expect(a1).toMatchObject({ mySide: actor, hasSeries: true, next: { id: fx.meetings.firstA1, agenda: 2, openActions: 1 } });
    },
  },

  "meetings.forPair": {
    expect: only("employee", "manager"),
    input: (fx) => ({ pairId: fx.pairs.a1 }),
    check: (page, fx, actor) => {
      expect(page.pair).toMatchObject({ id: fx.pairs.a1, ended: false, mySide: actor });
      expect(page.series).toMatchObject({ id: fx.meetings.seriesA1, ...fx.meetings.ruleA1, startsOn: fx.meetings.startsOnA1, endsOn: null, pausedFrom: null });
      expect(page.upcoming.slice(0, 3).map((m) => m.id)).toEqual([fx.meetings.firstA1, fx.meetings.secondA1, fx.meetings.scratchA1]);
      expect(page.upcoming[0]).toMatchObject({ status: "scheduled", agenda: 2, openActions: 1, moved: false, live: true });
      expect(page.past).toEqual([]);
    },
    cleanup: resetMeetings,
  },

  "meetings.createSeries": {
    // Pair A1's series is set aside for both kinds of call: an allowed actor could set one up.
    expect: only("employee", "manager"),
    input: async (fx) => {
      await withoutSeriesA1(fx);
      return {
        pairId: fx.pairs.a1,
        startsOn: addDays(dayOf(new Date()), 2),
        frequency: "monthly",
        weekday: 3,
        weekOfMonth: -1,
        startTime: "16:30",
        timeZone: "America/New_York",
        durationMinutes: 45,
      };
    },
    check: (created, fx) => {
      isUuid(created.seriesId);
      expect(created.seriesId).not.toBe(fx.meetings.seriesA1);
    },
    cleanup: resetMeetings,
  },

  "meetings.updateSeries": {
    expect: only("employee", "manager"),
    // Refusals aim at pair A1's series from its second meeting on (which would move).
    input: async (fx, purpose) => {
      const { seriesId, startsOn } = purpose === "ok" ? await scratchSeriesA1(fx) : { seriesId: fx.meetings.seriesA1, startsOn: fx.meetings.startsOnA1 };
      return {
        seriesId,
        fromDate: addDays(startsOn, 7),
        frequency: "monthly",
        weekday: 2,
        weekOfMonth: 2,
        startTime: "09:15",
        timeZone: "Europe/Lisbon",
        durationMinutes: 60,
      };
    },
    check: (updated, fx) => {
      isUuid(updated.seriesId);
      expect(updated.seriesId).not.toBe(fx.meetings.seriesA1);
    },
    cleanup: resetMeetings,
  },

  "meetings.setSeriesState": {
    expect: only("employee", "manager"),
    // Refusals would end pair A1's series after its second meeting.
    input: async (fx, purpose) => {
      const { seriesId, startsOn } = purpose === "ok" ? await scratchSeriesA1(fx) : { seriesId: fx.meetings.seriesA1, startsOn: fx.meetings.startsOnA1 };
      return { seriesId, action: "end" as const, lastDate: addDays(startsOn, 7) };
    },
    check: (changed, fx) => expect(changed.seriesId).not.toBe(fx.meetings.seriesA1),
    cleanup: resetMeetings,
  },

  "meetings.skip": {
    expect: only("employee", "manager"),
    input: (fx, purpose) => ({ meetingId: purpose === "ok" ? fx.meetings.scratchA1 : fx.meetings.firstA1, skipped: true }),
    check: (skipped, fx) => expect(skipped).toEqual({ meetingId: fx.meetings.scratchA1, status: "skipped" }),
    cleanup: resetMeetings,
  },

  "meetings.move": {
    expect: only("employee", "manager"),
    // To the day after, at 15:00 for 45 minutes.
    input: (fx, purpose) => {
      const { firstA1, scratchA1, startsOnA1 } = fx.meetings;
      return purpose === "ok"
        ? { meetingId: scratchA1, date: addDays(startsOnA1, 15), time: "15:00", durationMinutes: 45 }
        : { meetingId: firstA1, date: addDays(startsOnA1, 1), time: "15:00", durationMinutes: 45 };
    },
    check: (moved, fx) => {
      const startsAt = at(addDays(fx.meetings.startsOnA1, 15), "15:00", fx.meetings.ruleA1.timeZone);
      expect(moved).toEqual({ meetingId: fx.meetings.scratchA1, startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000) });
    },
    cleanup: resetMeetings,
  },

  "meetings.get": {
    expect: only("employee", "manager"),
    input: (fx) => ({ meetingId: fx.meetings.firstA1 }),
    check: (page, fx, actor) => {
      const { a1Agenda, a1SharedNotes, a1ActionItem, a1EmployeePrivateNote, a1ManagerPrivateNote } = SECRETS;
      expect(page.meeting).toMatchObject({
        id: fx.meetings.firstA1,
        pairId: fx.pairs.a1,
        status: "scheduled",
        state: "upcoming",
        live: true,
        pairEnded: false,
      });
      expect(page.me).toEqual({ id: personOf(fx.w, actor)?.id, side: actor });
      expect(page.agenda.map((a) => a.id)).toEqual(fx.meetings.agendaA1);
      expect(page.agenda[0]?.text).toBe(a1Agenda.text);
      expect(page.sharedNotes).toMatchObject({ body: a1SharedNotes.text, version: 1, updatedBy: fx.w.a.manager1.name });
      expect(page.actionItems).toEqual([
        expect.objectContaining({ id: fx.meetings.actionItemA1, text: a1ActionItem.text, ownerId: fx.w.a.report1.id, done: false, carriedFrom: null }),
      ]);
      // Their own private note, and never the other side's.
      const [mine, theirs] = actor === "manager" ? [a1ManagerPrivateNote, a1EmployeePrivateNote] : [a1EmployeePrivateNote, a1ManagerPrivateNote];
      expect(page.privateNote.body).toBe(mine.text);
      expect(JSON.stringify(page)).not.toContain(theirs.text);
    },
    cleanup: resetMeetings,
  },

  "meetings.addAgendaItem": {
    expect: only("employee", "manager"),
    input: (fx, purpose) => ({ meetingId: purpose === "ok" ? fx.meetings.scratchA1 : fx.meetings.firstA1, text: "Added by the matrix", detail: "A detail" }),
    check: (added) => isUuid(added.id),
    cleanup: resetMeetings,
  },

  "meetings.updateAgendaItem": {
    expect: only("employee", "manager"),
    input: async (fx, purpose) => ({
      itemId: purpose === "ok" ? await scratchAgendaItem(fx) : fx.meetings.agendaA1[0],
      text: "OVERWRITTEN by the matrix",
      detail: "A new detail",
      done: true,
    }),
    check: (updated) => isUuid(updated.id),
    cleanup: resetMeetings,
  },

  "meetings.deleteAgendaItem": {
    expect: only("employee", "manager"),
    input: async (fx, purpose) => ({ itemId: purpose === "ok" ? await scratchAgendaItem(fx) : fx.meetings.agendaA1[0] }),
    check: (deleted) => expect(deleted).toEqual({ deleted: true }),
    cleanup: resetMeetings,
  },

  "meetings.reorderAgenda": {
    expect: only("employee", "manager"),
    // Exactly the meeting's items, reversed: the allowed actors could reorder them.
    input: async (fx, purpose) => {
      if (purpose === "ok") {
        const first = await scratchAgendaItem(fx, "First scratch item");
        const second = await scratchAgendaItem(fx, "Second scratch item");
        return { meetingId: fx.meetings.scratchA1, itemIds: [second, first] };
      }
      return { meetingId: fx.meetings.firstA1, itemIds: [...fx.meetings.agendaA1].reverse() };
    },
    check: (reordered) => expect(reordered).toEqual({ count: 2 }),
    cleanup: resetMeetings,
  },

  "meetings.saveSharedNotes": {
    expect: only("employee", "manager"),
    // Refusals carry the first meeting's current version: a save that would win.
    input: (fx, purpose) =>
      purpose === "ok"
        ? { meetingId: fx.meetings.scratchA1, body: "Saved by the matrix", baseVersion: 0 }
        : { meetingId: fx.meetings.firstA1, body: "OVERWRITTEN by the matrix", baseVersion: 1 },
    check: (saved) => expect(saved).toEqual({ version: 1 }),
    cleanup: resetMeetings,
  },

  "meetings.savePrivateNote": {
    expect: only("employee", "manager"),
    input: (fx, purpose) => ({ meetingId: purpose === "ok" ? fx.meetings.scratchA1 : fx.meetings.firstA1, body: "OVERWRITTEN by the matrix" }),
    check: (saved) => expect(saved.savedAt).toBeInstanceOf(Date),
    cleanup: resetMeetings,
  },

  "meetings.addActionItem": {
    expect: only("employee", "manager"),
    input: (fx, purpose) => ({
      meetingId: purpose === "ok" ? fx.meetings.scratchA1 : fx.meetings.firstA1,
      text: "Added by the matrix",
      ownerId: fx.w.a.manager1.id,
      dueOn: addDays(fx.meetings.startsOnA1, 20),
    }),
    check: (added) => isUuid(added.id),
    cleanup: resetMeetings,
  },

  "meetings.updateActionItem": {
    expect: only("employee", "manager"),
    input: async (fx, purpose) => ({
      itemId: purpose === "ok" ? await scratchActionItem(fx) : fx.meetings.actionItemA1,
      text: "OVERWRITTEN by the matrix",
      ownerId: fx.w.a.manager1.id,
      dueOn: addDays(fx.meetings.startsOnA1, 21),
      done: true,
    }),
    check: (updated) => isUuid(updated.id),
    cleanup: resetMeetings,
  },

  "meetings.deleteActionItem": {
    expect: only("employee", "manager"),
    input: async (fx, purpose) => ({ itemId: purpose === "ok" ? await scratchActionItem(fx) : fx.meetings.actionItemA1 }),
    check: (deleted) => expect(deleted).toEqual({ deleted: true }),
    cleanup: resetMeetings,
  },

  "meetings.templates": {
    // Built-in ones for everyone, org A's for org A, a personal template for its owner alone.
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (templates, fx, actor) => {
      const byRef = new Map(templates.map((t) => [t.ref, t]));
      expect(templates.filter((t) => t.kind === "builtin")).toHaveLength(8);
      if (actor === "otherOrgMember") return expect(templates.filter((t) => t.kind !== "builtin")).toEqual([]);
      expect(byRef.get(fx.templates.orgA)).toMatchObject({ kind: "org", name: ORG_TEMPLATE_A.name, editable: actor === "hrAdmin" || actor === "owner" });
      if (actor === "employee")
        expect(byRef.get(fx.templates.personalA1)).toMatchObject({ kind: "personal", name: SECRETS.a1PersonalTemplate.text, editable: true });
      else expect(byRef.has(fx.templates.personalA1)).toBe(false);
    },
  },

  "meetings.templateChoices": {
    // The same templates as meetings.templates, without their items.
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (choices, fx, actor) => {
      const byRef = new Map(choices.map((t) => [t.ref, t]));
      expect(choices.filter((t) => t.kind === "builtin")).toHaveLength(8);
      for (const choice of choices) expect(Object.keys(choice).sort()).toEqual(["kind", "name", "purpose", "ref"]);
      if (actor === "otherOrgMember") return expect(choices.filter((t) => t.kind !== "builtin")).toEqual([]);
      expect(byRef.get(fx.templates.orgA)).toEqual({ ref: fx.templates.orgA, kind: "org", name: ORG_TEMPLATE_A.name, purpose: ORG_TEMPLATE_A.purpose });
      if (actor === "employee") expect(byRef.get(fx.templates.personalA1)).toMatchObject({ kind: "personal", name: SECRETS.a1PersonalTemplate.text });
      else expect(byRef.has(fx.templates.personalA1)).toBe(false);
    },
  },

  "meetings.saveTemplate": {
    // The org template: HR admins and owners of org A edit it; a member editing (or creating)
    // one is refused, and so is org B's HR admin. (A personal template is anyone's to create:
    // tests/integration/meetings.test.ts.)
    expect: only("hrAdmin", "owner"),
    input: async (fx, purpose) => {
      const templateId =
        purpose === "ok"
          ? (await callerAs(fx, "hrAdmin").meetings.saveTemplate({ scope: "org", name: "Scratch org template", ...TEMPLATE_BODY })).templateId
          : fx.templates.orgA;
      return { templateId, scope: "org" as const, name: "OVERWRITTEN by the matrix", ...TEMPLATE_BODY };
    },
    check: (saved, fx) => {
      isUuid(saved.templateId);
      expect(saved.templateId).not.toBe(fx.templates.orgA);
    },
    cleanup: resetMeetings,
  },

  "meetings.deleteTemplate": {
    // A personal template: its owner's alone, not even HR's or the owner's of the organization.
    expect: only("employee"),
    input: async (fx, purpose) => ({
      templateId:
        purpose === "ok"
          ? (await callerAs(fx, "employee").meetings.saveTemplate({ scope: "personal", name: "Scratch personal template", ...TEMPLATE_BODY })).templateId
          : fx.templates.personalA1,
    }),
    check: (deleted) => expect(deleted).toEqual({ deleted: true }),
    cleanup: resetMeetings,
  },

  "meetings.applyTemplate": {
    expect: only("employee", "manager"),
    input: (fx, purpose) => ({ meetingId: purpose === "ok" ? fx.meetings.scratchA1 : fx.meetings.firstA1, templateRef: fx.templates.orgA }),
    check: (applied) => expect(applied).toEqual({ added: 2, skipped: 0 }),
    cleanup: resetMeetings,
  },

  "meetings.planPreview": {
    // Reads pair A1's plan for its next meeting (the first): a query, nothing added.
    expect: only("employee", "manager"),
    input: (fx) => ({ pairId: fx.pairs.a1, assessmentId: fx.assessments.revealedA1 }),
    check: (preview, fx) => {
      expect(preview.meeting.id).toBe(fx.meetings.firstA1);
      expect(preview.candidates.length).toBeGreaterThan(0);
      expect(preview.candidates.filter((c) => c.recommended).length).toBeLessThanOrEqual(5);
    },
  },

  "meetings.planFromAssessment": {
    // Adds to pair A1's next meeting (the first): there is no other target; resetMeetings undoes it.
    expect: only("employee", "manager"),
    input: (fx) => ({ pairId: fx.pairs.a1, assessmentId: fx.assessments.revealedA1 }),
    check: (planned, fx) => {
      expect(planned.meetingId).toBe(fx.meetings.firstA1);
      expect(planned.added).toBeGreaterThan(0);
    },
    cleanup: resetMeetings,
  },

  "meetings.preferences": {
    // Everyone's own: nobody has set any in the fixture.
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (preferences) => expect(preferences).toEqual({ reminderMinutes: 1440, assessmentDigest: "weekly", calendarFeed: null }),
  },

  "meetings.setPreferences": {
    expect: only(...EVERY_MEMBER),
    input: () => ({ reminderMinutes: 30, assessmentDigest: "off" as const }),
    check: (preferences) => expect(preferences).toEqual({ reminderMinutes: 30, assessmentDigest: "off", calendarFeed: null }),
    cleanup: resetMeetings,
  },

  "meetings.regenerateCalendarToken": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    // 32 random bytes in base64url, shown once.
    check: (feed) => expect(feed.token).toMatch(/^[A-Za-z0-9_-]{43}$/),
    cleanup: resetMeetings,
  },

  "meetings.revokeCalendarToken": {
    expect: only(...EVERY_MEMBER),
    input: () => undefined,
    check: (revoked) => expect(revoked).toEqual({ revoked: true }),
    cleanup: resetMeetings,
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
