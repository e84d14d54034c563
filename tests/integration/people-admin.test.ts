import { TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, auditLog, pairs, people } from "@/db/schema";
import { loadActor } from "@/server/access/actor";
import { hasSignInPerson } from "@/server/auth/find-sign-in-person";
import { readSession } from "@/server/auth/sessions";
import { loadCycleInputs, openedCycles } from "@/server/trends/inputs";
import { completeAnswers } from "../support/answers";
import { assessmentWith, fill, openCycleFor, outboxTo } from "../support/assessments";
import type { TestDb } from "../support/db";
import { callerFor, createPerson, databaseFingerprint, sessionFor, type World } from "../support/factories";
import { openWorld } from "../support/world";

// People administration (issue 18): who may see and change whom, the import's rules on a
// single edit, what deactivation does and keeps, and the rule that an organization always
// keeps an owner. Two organizations, two pairs each (createWorld).

let t: TestDb;
let w: World;
const as = (p: { id: string }) => callerFor(t.db, p.id);

beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (err) {
    if (err instanceof TRPCError) return `${err.code}: ${err.message}`;
    throw err;
  }
}

const fieldsOf = (p: { name: string; email: string }, extra: Partial<Record<string, string | null>> = {}) => ({
  name: p.name,
  givenName: null,
  email: p.email,
  title: null,
  department: null,
  startDate: null,
  managerEmail: null,
  ...extra,
});

async function personRow(id: string) {
  const [row] = await t.db.select().from(people).where(eq(people.id, id));
  return row!;
}

describe("across organizations and roles", () => {
  it("org A's HR admin finds none of org B's people, and every change to one is not found and changes nothing", async () => {
    const hrA = as(w.a.hr);
    const target = w.b.report1;
    expect((await hrA.people.list({ query: "Report B1", status: "all", limit: 50 })).people).toEqual([]);
    const before = await databaseFingerprint(t.db);
    const calls = [
      () => hrA.people.get({ personId: target.id }),
      () => hrA.people.update({ personId: target.id, ...fieldsOf(target, { title: "Taken over" }) }),
      () => hrA.people.deactivate({ personId: target.id }),
      () => hrA.people.reactivate({ personId: target.id }),
      () => hrA.people.setHrAdmin({ personId: target.id, granted: true }),
      () => as(w.a.owner).people.setOwner({ personId: target.id, granted: true }),
    ];
    for (const call of calls) expect(await refusal(call())).toBe("NOT_FOUND: Not found");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("a member (a manager, an employee) can use none of it", async () => {
    const before = await databaseFingerprint(t.db);
    for (const member of [w.a.manager1, w.a.report1, w.a.bystander]) {
      const c = as(member);
      for (const call of [
        () => c.people.list({ status: "all", limit: 10 }),
        () => c.people.departments(),
        () => c.people.get({ personId: w.a.report2.id }),
        () => c.people.update({ personId: w.a.report2.id, ...fieldsOf(w.a.report2, { title: "x" }) }),
        () => c.people.deactivate({ personId: w.a.report2.id }),
        () => c.people.setHrAdmin({ personId: member.id, granted: true }),
        () => c.people.setOwner({ personId: member.id, granted: true }),
      ]) {
        expect(await refusal(call())).toBe("NOT_FOUND: Not found");
      }
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("a person's page lists their pairs, never anything they answered", async () => {
    const person = await as(w.a.hr).people.get({ personId: w.a.manager1.id });
    expect(person.pairs.map((p) => [p.as, p.other.name, p.endedAt]).sort()).toEqual([
      ["manager", w.a.report1.name, null],
      ["report", w.a.grand.name, null],
    ]);
    expect(Object.keys(person.pairs[0]!).sort()).toEqual(["as", "endedAt", "id", "other", "startedAt"]);
  });
});

describe("the list", () => {
  it("filters by name, email, department, manager and status, and pages by name without repeats", async () => {
    const hr = as(w.a.hr);
    const byManager = await hr.people.list({ manager: "manager a1", status: "active", limit: 50 });
    expect(byManager.people.map((p) => p.id)).toEqual([w.a.report1.id]);
    const byEmail = await hr.people.list({ query: w.a.report2.email.toUpperCase(), status: "active", limit: 50 });
    expect(byEmail.people.map((p) => p.id)).toEqual([w.a.report2.id]);
    const byDept = await hr.people.list({ departmentId: w.a.dept.id, status: "active", limit: 50 });
    expect(byDept.people.map((p) => p.name).sort()).toEqual([w.a.grand, w.a.manager1, w.a.manager2, w.a.report1, w.a.report2].map((p) => p.name).sort());
    // "%" is a character, not a wildcard.
    expect((await hr.people.list({ query: "%", status: "all", limit: 50 })).people).toEqual([]);

    const all = await hr.people.list({ status: "all", limit: 100 });
    const seen: string[] = [];
    let cursor: { name: string; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<typeof hr.people.list>> = await hr.people.list({ status: "all", limit: 3, cursor });
      expect(page.total).toBe(all.total);
      seen.push(...page.people.map((p) => p.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.people.map((p) => p.id));
    expect(all.people.find((p) => p.id === w.a.owner.id)?.roles).toEqual(["owner"]);
  });
});

describe("editing one person", () => {
  it("refuses an address someone else has, a manager from elsewhere, and a loop, saving nothing", async () => {
    const hr = as(w.a.hr);
    const before = await databaseFingerprint(t.db);
    expect(await refusal(hr.people.update({ personId: w.a.report2.id, ...fieldsOf(w.a.report2, { email: w.a.report1.email.toUpperCase() }) }))).toBe(
      `BAD_REQUEST: Someone else in your organization already has the email ${w.a.report1.email}.`,
    );
    expect(await refusal(hr.people.update({ personId: w.a.report2.id, ...fieldsOf(w.a.report2, { managerEmail: w.b.manager1.email }) }))).toBe(
      `BAD_REQUEST: No one with the email ${w.b.manager1.email} is in your organization.`,
    );
    expect(await refusal(hr.people.update({ personId: w.a.grand.id, ...fieldsOf(w.a.grand, { managerEmail: w.a.report1.email, title: "Loop" }) }))).toBe(
      "BAD_REQUEST: That manager change would create a loop.",
    );
    expect(await refusal(hr.people.update({ personId: w.a.report2.id, ...fieldsOf(w.a.report2, { email: "not an email" }) }))).toMatch(
      /^BAD_REQUEST: Enter a valid email address/,
    );
    expect(await refusal(hr.people.update({ personId: w.a.report2.id, ...fieldsOf(w.a.report2, { startDate: "2026-02-30" }) }))).toMatch(
      /^BAD_REQUEST: Use a start date like/,
    );
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("changes the manager as an import does: the old pair closes with its history, a new one opens, and the audit says what changed", async () => {
    const hr = as(w.a.hr);
    const r = await createPerson(t.db, w.a.org.id, { name: "Martin, Léa", managerId: w.a.manager1.id });
    const [oldPair] = await t.db
      .select()
      .from(pairs)
      .where(and(eq(pairs.reportId, r.id), isNull(pairs.endedAt)));
    const result = await hr.people.update({
      personId: r.id,
      ...fieldsOf(r, { givenName: "Léa", title: "Engineer", department: "engineering a", startDate: "2024-01-08", managerEmail: w.a.manager2.email }),
    });
    expect(result.changed).toEqual(["givenName", "title", "department", "startDate", "manager"]);
    const rows = await t.db.select().from(pairs).where(eq(pairs.reportId, r.id)).orderBy(pairs.startedAt);
    expect(rows.map((p) => [p.id === oldPair!.id, p.managerId, p.endedAt === null])).toEqual([
      [true, w.a.manager1.id, false],
      [false, w.a.manager2.id, true],
    ]);
    // The department is matched whatever its case.
    expect((await personRow(r.id)).departmentId).toBe(w.a.dept.id);

    const log = await as(w.a.owner).org.auditLog({ limit: 10, personEmail: r.email });
    const byAction = Object.fromEntries(log.entries.map((e) => [e.action, e.details]));
    expect(byAction["person.updated"]?.changes).toEqual([
      { field: "givenName", from: null, to: "Léa" },
      { field: "title", from: null, to: "Engineer" },
      { field: "department", from: null, to: "Engineering A" },
      { field: "startDate", from: null, to: "2024-01-08" },
    ]);
    expect(byAction["person.manager_changed"]?.changes).toEqual([{ field: "manager", from: w.a.manager1.name, to: w.a.manager2.name }]);
    expect(log.entries.every((e) => e.subjectId === r.id)).toBe(true);
  });

  it("a new address ends the person's sessions (it is a new sign-in identity)", async () => {
    const p = await createPerson(t.db, w.a.org.id, { name: "Mover" });
    const session = await sessionFor(t.db, p);
    await as(w.a.hr).people.update({ personId: p.id, ...fieldsOf(p, { email: `moved.${p.id}@example.test` }) });
    expect(await readSession(t.db, session.token, { demo: false })).toBeNull();
  });
});

describe("deactivating and reactivating", () => {
  it("signs them out everywhere, closes their open pairs, keeps their history and their place in a cycle's trends", async () => {
    const org = w.a.org.id;
    const mgr = await createPerson(t.db, org, { name: "Leaving Manager", managerId: w.a.grand.id, departmentId: w.a.dept.id });
    const rep = await createPerson(t.db, org, { name: "Staying Report", managerId: mgr.id, departmentId: w.a.dept.id });
    const { cycleId } = await openCycleFor(t.db, w, "a", { name: "Round with the leaver" });
    const assessmentId = await assessmentWith(t.db, rep.id, mgr.id);
    await fill(as(rep), assessmentId, completeAnswers(1, {}, 4));
    await as(rep).assessments.submit({ assessmentId, shareChooseAgain: true });
    await as(w.a.hr).cycles.close({ cycleId });
    const [cycle] = await openedCycles(t.db, org, cycleId);
    const inputsBefore = await loadCycleInputs(t.db, org, cycle!);

    const sessions = [await sessionFor(t.db, mgr), await sessionFor(t.db, mgr)];
    const result = await as(w.a.hr).people.deactivate({ personId: mgr.id });
    expect(result).toEqual({ deactivated: true, reportsWithoutManager: 1, sessionsEnded: 2 });

    for (const s of sessions) expect(await readSession(t.db, s.token, { demo: false })).toBeNull();
    expect(await loadActor(t.db, mgr.id)).toBeNull();
    expect(await refusal(as(mgr).me.get())).toBe("UNAUTHORIZED: Please sign in.");
    expect(await hasSignInPerson(t.db, mgr.email)).toBe(false);

    const open = await t.db
      .select()
      .from(pairs)
      .where(and(eq(pairs.orgId, org), isNull(pairs.endedAt)));
    expect(open.filter((p) => p.managerId === mgr.id || p.reportId === mgr.id)).toEqual([]);
    expect((await personRow(rep.id)).managerId).toBeNull();
    // Nothing of their history is deleted.
    const [assessment] = await t.db.select().from(assessments).where(eq(assessments.id, assessmentId));
    expect(assessment).toBeDefined();
    const theirPairs = (await as(w.a.hr).people.get({ personId: mgr.id })).pairs;
    expect(theirPairs.map((p) => [p.as, p.other.id, p.endedAt !== null]).sort()).toEqual([
      ["manager", rep.id, true],
      ["report", w.a.grand.id, true],
    ]);
    // The closed cycle counts them as it did: its groups and invited pairs are frozen at opening.
    expect(await loadCycleInputs(t.db, org, cycle!)).toEqual(inputsBefore);
    expect((await as(w.a.hr).people.list({ query: "Leaving Manager", status: "active", limit: 5 })).total).toBe(0);
    expect((await as(w.a.hr).people.list({ query: "Leaving Manager", status: "deactivated", limit: 5 })).total).toBe(1);

    await as(w.a.hr).people.reactivate({ personId: mgr.id });
    expect(await hasSignInPerson(t.db, mgr.email)).toBe(true);
    expect(await loadActor(t.db, mgr.id)).not.toBeNull();
    const log = await as(w.a.owner).org.auditLog({ limit: 10, personEmail: mgr.email });
    expect(log.entries.map((e) => e.action).slice(0, 2)).toEqual(["person.reactivated", "person.deactivated"]);
  });

  it("refuses to deactivate yourself, and an HR admin can't deactivate an owner", async () => {
    const before = await databaseFingerprint(t.db);
    expect(await refusal(as(w.a.hr).people.deactivate({ personId: w.a.hr.id }))).toBe(
      "BAD_REQUEST: You can't deactivate yourself. Ask another HR admin or owner.",
    );
    expect(await refusal(as(w.a.hr).people.deactivate({ personId: w.a.owner.id }))).toBe("BAD_REQUEST: Only an owner can deactivate an owner.");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("roles", () => {
  it("an HR admin grants and removes HR admin but can't grant owner; the last owner stays", async () => {
    const hr = as(w.b.hr);
    const owner = as(w.b.owner);
    expect(await hr.people.setHrAdmin({ personId: w.b.bystander.id, granted: true })).toEqual({ granted: true, changed: true });
    expect((await loadActor(t.db, w.b.bystander.id))?.roles.has("hr_admin")).toBe(true);
    expect(await hr.people.setHrAdmin({ personId: w.b.bystander.id, granted: false })).toEqual({ granted: false, changed: true });

    const before = await databaseFingerprint(t.db);
    expect(await refusal(hr.people.setOwner({ personId: w.b.hr.id, granted: true }))).toBe("NOT_FOUND: Not found");
    expect(await refusal(owner.people.setOwner({ personId: w.b.owner.id, granted: false }))).toBe(
      `CONFLICT: ${w.b.owner.name} is the organization's only owner. Make someone else an owner first.`,
    );
    expect(await databaseFingerprint(t.db)).toBe(before);

    await owner.people.setOwner({ personId: w.b.grand.id, granted: true });
    expect((await loadActor(t.db, w.b.grand.id))?.roles.has("owner")).toBe(true);
    await owner.people.setOwner({ personId: w.b.grand.id, granted: false });
  });

  it("two owners removing each other at the same moment leave one owner", async () => {
    const org = w.a.org.id;
    const second = await createPerson(t.db, org, { name: "Second Owner", roles: ["owner"] });
    const outcomes = await Promise.all([
      refusal(as(w.a.owner).people.setOwner({ personId: second.id, granted: false })),
      refusal(as(second).people.setOwner({ personId: w.a.owner.id, granted: false })),
    ]);
    // One removal wins; the other owner, no longer an owner, is refused (not found) or finds the last owner.
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    const owners = (await as(w.a.hr).people.list({ status: "active", limit: 100 })).people.filter((p) => p.roles.includes("owner"));
    expect(owners).toHaveLength(1);
    // Deactivating the last owner is refused too, whoever asks.
    const last = owners[0]!;
    const other = last.id === w.a.owner.id ? second : w.a.owner;
    expect(await refusal(as(w.a.hr).people.deactivate({ personId: last.id }))).toBe("BAD_REQUEST: Only an owner can deactivate an owner.");
    expect(await refusal(as(other).people.deactivate({ personId: last.id }))).toBe("NOT_FOUND: Not found");
    expect(await refusal(as({ id: last.id }).people.deactivate({ personId: last.id }))).toMatch(/^BAD_REQUEST: You can't deactivate yourself/);
  });

  it("the audit log filters by action and date, and an import entry carries its counts", async () => {
    const owner = as(w.b.owner);
    const csv = `email,name\n${w.b.report1.email},Report B1 Renamed\nnew.person.b@example.test,New Person B\n`;
    const { hash } = await owner.peopleImport.preview({ csv });
    await owner.peopleImport.confirm({ csv, expectedHash: hash! });
    const imported = await owner.org.auditLog({ limit: 5, action: "people.imported" });
    expect(imported.entries[0]?.details).toMatchObject({ rows: 2, created: 1, updated: 1, managerChanges: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect((await owner.org.auditLog({ limit: 50, from: today, to: today })).entries.length).toBeGreaterThan(0);
    expect((await owner.org.auditLog({ limit: 50, to: "2001-01-01" })).entries).toEqual([]);
    const roles = await owner.org.auditLog({ limit: 50, action: "person.role_granted" });
    expect(roles.entries.map((e) => e.details)).toEqual(expect.arrayContaining([expect.objectContaining({ name: w.b.grand.name, role: "owner" })]));
    // Nothing of org A's log reaches org B's owner.
    const everything = await owner.org.auditLog({ limit: 100 });
    const orgA = await t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.orgId, w.a.org.id));
    expect(everything.entries.some((e) => orgA.some((a) => a.id === e.id))).toBe(false);
  });
});

describe("given names", () => {
  it("greet people by the given name an HR export or HR gave, and by the full name otherwise, never by a guessed word", async () => {
    const owner = as(w.b.owner);
    const csv = ["Work Email,First Name,Last Name,Preferred Name", "lea.gn@example.test,Léa,Martin,", "rob.gn@example.test,Robert,Smith,Bob"].join("\n");
    const { hash } = await owner.peopleImport.preview({ csv });
    await owner.peopleImport.confirm({ csv, expectedHash: hash! });
    const plain = 'email,name\nmartin.gn@example.test,"Martin, Léa"\n';
    const checked = await owner.peopleImport.preview({ csv: plain });
    await owner.peopleImport.confirm({ csv: plain, expectedHash: checked.hash! });

    const greeting = async (email: string) => (await outboxTo(t.db, email))[0]?.text.split("\n")[0];
    expect(await greeting("lea.gn@example.test")).toBe("Hi Léa,");
    expect(await greeting("rob.gn@example.test")).toBe("Hi Bob,");
    expect(await greeting("martin.gn@example.test")).toBe("Hi Martin, Léa,");

    // Edited on the person's page, the given name is what the next email uses.
    const [martin] = await t.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, w.b.org.id), eq(people.email, "martin.gn@example.test")));
    await owner.people.update({ personId: martin!.id, ...fieldsOf(martin!, { givenName: "Léa" }) });
    expect((await loadActor(t.db, martin!.id))?.personId).toBe(martin!.id);
    expect((await callerFor(t.db, martin!.id).me.get()).person.givenName).toBe("Léa");
  });
});
