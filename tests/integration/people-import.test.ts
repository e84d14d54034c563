import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, departments, outboxEmails, pairs, people } from "@/db/schema";
import { appUrl } from "@/server/env";
import { everyone, outcomeOf, type Caller } from "../support/assessments";
import type { TestDb } from "../support/db";
import { sendQueuedMail } from "../support/mail";
import { callerFor, databaseFingerprint, rowsOf, type World } from "../support/factories";
import { openWorld } from "../support/world";

// People import from CSV (PRODUCT.md §6): the preview writes nothing and lists every row's
// problems; confirm checks again on the server and writes all or nothing in one transaction;
// re-importing changes nothing; an edited file updates in place and moves pairs; only the
// caller's organization is ever read or written; invitations go to new people only.

let t: TestDb;
let w: World;
const hrA = (): Caller => callerFor(t.db, w.a.hr.id);

beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

/** Previews as `caller`, then confirms with the hash the preview gave. */
async function importFile(caller: Caller, csv: string) {
  const preview = await caller.peopleImport.preview({ csv });
  expect(preview.fileErrors, "file errors").toEqual([]);
  expect(preview.problems, "row problems").toEqual([]);
  return { preview, result: await caller.peopleImport.confirm({ csv, expectedHash: preview.hash! }) };
}

async function personByEmail(orgId: string, email: string) {
  const [p] = await t.db
    .select({
      id: people.id,
      name: people.name,
      title: people.title,
      departmentId: people.departmentId,
      managerId: people.managerId,
      startDate: people.startDate,
    })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.email, email)));
  return p ?? null;
}

async function pairsOf(orgId: string, reportId: string) {
  return t.db
    .select({ managerId: pairs.managerId, endedAt: pairs.endedAt })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), eq(pairs.reportId, reportId)))
    .orderBy(asc(pairs.startedAt));
}

/** The outbox of one address once the worker sent what the imports queued. */
async function outboxTo(email: string) {
  await sendQueuedMail(t.db);
  return t.db.select({ subject: outboxEmails.subject, text: outboxEmails.text, html: outboxEmails.html }).from(outboxEmails).where(eq(outboxEmails.to, email));
}

async function importAudits(orgId: string) {
  return t.db
    .select({ details: auditLog.details, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, "people.imported")))
    .orderBy(asc(auditLog.createdAt));
}

/** A digest of one organization's people, departments and pairs. */
async function orgDigest(orgId: string) {
  const digest = async (table: string) =>
    rowsOf<{ d: string }>(
      await t.db.execute(sql`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from ${sql.identifier(table)} x where org_id = ${orgId}`),
    )[0]!.d;
  return [await digest("people"), await digest("departments"), await digest("pairs")].join(",");
}

const HEADER = "email,name,manager email,department,title,start date";

describe("who may import", () => {
  it("HR admins and owners only; members get not found, signed out unauthorized, and nothing changes", async () => {
    const csv = `email,name\nsneaky@example.test,Sneaky Sam\n`;
    const { hash } = await hrA().peopleImport.preview({ csv });
    const before = await databaseFingerprint(t.db);
    const admins = new Set([w.a.hr.id, w.a.owner.id, w.b.hr.id, w.b.owner.id]);
    for (const person of everyone(w).filter((p) => !admins.has(p.id))) {
      const c = callerFor(t.db, person.id);
      expect(await outcomeOf(c.peopleImport.preview({ csv })), person.label).toEqual({ code: "NOT_FOUND", message: "Not found" });
      expect(await outcomeOf(c.peopleImport.confirm({ csv, expectedHash: hash! })), person.label).toEqual({ code: "NOT_FOUND", message: "Not found" });
    }
    const signedOut = callerFor(t.db, null);
    expect(await outcomeOf(signedOut.peopleImport.preview({ csv }))).toEqual({ code: "UNAUTHORIZED", message: "Please sign in." });
    expect(await outcomeOf(signedOut.peopleImport.confirm({ csv, expectedHash: hash! }))).toEqual({ code: "UNAUTHORIZED", message: "Please sign in." });
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect((await callerFor(t.db, w.a.owner.id).peopleImport.preview({ csv })).summary).toMatchObject({ creates: 1 });
  });

  it("refuses input over the limits with a clear message", async () => {
    const before = await databaseFingerprint(t.db);
    const big = `email,name\n${"x".repeat(2 * 1024 * 1024)}`;
    // (Through createCaller a validation message arrives inside zod's issue list; over HTTP the
    // error formatter gives the message alone.)
    const cases: [() => Promise<unknown>, string][] = [
      [() => hrA().peopleImport.preview({ csv: big }), "The file is larger than 2 MB. Split it into smaller files and import them one after the other."],
      [() => hrA().peopleImport.preview({ csv: "" }), "Choose a CSV file or paste its text."],
      [() => hrA().peopleImport.confirm({ csv: "email,name\na@example.test,A\n", expectedHash: "nope" }), "Check the file before importing it."],
    ];
    for (const [call, message] of cases) {
      const outcome = await outcomeOf(call());
      expect(outcome.code, message).toBe("BAD_REQUEST");
      expect(outcome.message, message).toContain(message);
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe("the preview", () => {
  it("writes nothing, lists every row's problems, and offers no import while any remain", async () => {
    const before = await databaseFingerprint(t.db);
    const csv = [
      HEADER,
      `new.one@example.test,New One,${w.a.manager1.email},Engineering A,Engineer,2026-02-01`,
      `,Nobody,,,,`,
      `new.one@example.test,New One Again,,,,`,
      `new.two@example.test,New Two,ghost@example.test,,,1 Feb 2026`,
      `${w.a.grand.email},${w.a.grand.name},${w.a.report1.email},,,`,
    ].join("\r\n");
    const preview = await hrA().peopleImport.preview({ csv });
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect(preview).toMatchObject({ fileErrors: [], rowCount: 5, summary: null, hash: null, creates: [], updates: [], managerChanges: [] });
    expect(preview.problems).toEqual([
      { row: 2, column: "email", message: "new.one@example.test appears more than once in the file (rows 2, 4)." },
      { row: 3, column: "email", message: "Email is missing." },
      { row: 4, column: "email", message: "new.one@example.test appears more than once in the file (rows 2, 4)." },
      { row: 5, column: "managerEmail", message: "No one with the email ghost@example.test is in this file or in your organization." },
      { row: 5, column: "startDate", message: "“1 Feb 2026” is not a date in the form YYYY-MM-DD (for example 2024-03-15)." },
      // Grand manages manager1, who manages report1: report1 can't become grand's manager.
      {
        row: 6,
        column: "managerEmail",
        message: `The manager chain loops: ${w.a.grand.email} → ${w.a.report1.email} → ${w.a.manager1.email} → ${w.a.grand.email}.`,
      },
    ]);
    expect(preview.problemCount).toBe(6);
  });

  it("reports a file-level problem instead of rows when the file can't be used", async () => {
    const preview = await hrA().peopleImport.preview({ csv: "Full name;Title\nAna;CEO\n" });
    expect(preview.fileErrors).toEqual([
      "No column was recognised as “email”. Choose which column holds it below, or name the columns in the first row: email, name, given name, manager email, department, title, start date (found: Full name, Title).",
    ]);
    expect(preview).toMatchObject({ rowCount: 0, problems: [], summary: null, hash: null });
  });

  it("summarizes what confirming would do: people to create, fields to update, pairs to close and open", async () => {
    const csv = [
      HEADER,
      `preview.new@example.test,Preview New,${w.a.manager2.email},Brand New Dept,,`,
      `${w.a.report1.email},${w.a.report1.name},${w.a.manager2.email},engineering a,Senior Engineer,`,
      `${w.a.report2.email},${w.a.report2.name},${w.a.manager2.email},Engineering A,,`,
    ].join("\n");
    const before = await databaseFingerprint(t.db);
    const preview = await hrA().peopleImport.preview({ csv });
    expect(await databaseFingerprint(t.db)).toBe(before);
    expect(preview.problems).toEqual([]);
    expect(preview.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.summary).toEqual({
      creates: 1,
      updates: 1,
      managerChanges: 1,
      unchanged: 1,
      pairsToClose: 1,
      pairsToOpen: 2,
      newDepartments: ["Brand New Dept"],
    });
    expect(preview.creates).toEqual([
      {
        row: 2,
        email: "preview.new@example.test",
        name: "Preview New",
        givenName: null,
        title: null,
        department: "Brand New Dept",
        startDate: null,
        manager: { email: w.a.manager2.email, name: w.a.manager2.name },
      },
    ]);
    expect(preview.updates).toEqual([
      { row: 3, email: w.a.report1.email, name: w.a.report1.name, changes: [{ field: "title", from: null, to: "Senior Engineer" }] },
    ]);
    expect(preview.managerChanges).toEqual([
      {
        row: 3,
        email: w.a.report1.email,
        name: w.a.report1.name,
        from: { email: w.a.manager1.email, name: w.a.manager1.name },
        to: { email: w.a.manager2.email, name: w.a.manager2.name },
      },
    ]);
  });
});

describe("confirming", () => {
  const csv = () =>
    [
      HEADER,
      `nora.new@example.test,Nora New,${w.a.manager1.email},Design,Designer,2026-03-02`,
      // Otto reports to Nora, who only exists in this file.
      `OTTO.NEW@example.test,Otto New,nora.new@example.test,design,,`,
      `${w.a.report2.email},${w.a.report2.name},${w.a.manager2.email},Engineering A,,`,
    ].join("\n");

  it("writes everything in one go: people, departments, pairs, an audit entry; and invites the new people only", async () => {
    const { result } = await importFile(hrA(), csv());
    expect(result).toEqual({ created: 2, updated: 0, managerChanges: 0, unchanged: 1, invited: 2 });

    const nora = (await personByEmail(w.a.org.id, "nora.new@example.test"))!;
    const otto = (await personByEmail(w.a.org.id, "otto.new@example.test"))!;
    const design = await t.db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(and(eq(departments.orgId, w.a.org.id), eq(departments.name, "Design")));
    expect(design).toHaveLength(1);
    expect(nora).toMatchObject({ name: "Nora New", title: "Designer", startDate: "2026-03-02", departmentId: design[0]!.id, managerId: w.a.manager1.id });
    expect(otto).toMatchObject({ name: "Otto New", title: null, startDate: null, departmentId: design[0]!.id, managerId: nora.id });
    expect(await pairsOf(w.a.org.id, nora.id)).toEqual([{ managerId: w.a.manager1.id, endedAt: null }]);
    expect(await pairsOf(w.a.org.id, otto.id)).toEqual([{ managerId: nora.id, endedAt: null }]);

    expect((await importAudits(w.a.org.id)).at(-1)).toEqual({
      actorId: w.a.hr.id,
      details: { rows: 3, created: 2, updated: 0, managerChanges: 0, unchanged: 1 },
    });

    for (const [email, first] of [
      // No given name in the file: the full name, not a word guessed from it.
      ["nora.new@example.test", "Nora New"],
      ["otto.new@example.test", "Otto New"],
    ]) {
      const mails = await outboxTo(email!);
      expect(mails.map((m) => m.subject)).toEqual(["You're invited to Tandem at Org A"]);
      expect(mails[0]!.text).toContain(`Hi ${first},`);
      expect(mails[0]!.text).toContain(`${w.a.hr.name} has added you to Org A on Tandem`);
      expect(mails[0]!.text).toContain(`Sign in to Tandem: ${appUrl()}/sign-in`);
      expect(mails[0]!.html).toContain(`href="${appUrl()}/sign-in"`);
    }
    expect(await outboxTo(w.a.report2.email)).toEqual([]);
  });

  it("re-importing the same file changes nothing at all", async () => {
    const before = await databaseFingerprint(t.db);
    const { preview, result } = await importFile(hrA(), csv());
    expect(preview.summary).toEqual({ creates: 0, updates: 0, managerChanges: 0, unchanged: 3, pairsToClose: 0, pairsToOpen: 0, newDepartments: [] });
    expect(result).toEqual({ created: 0, updated: 0, managerChanges: 0, unchanged: 3, invited: 0 });
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it("an edited file updates people in place, closes the pair whose manager changed and opens the new one", async () => {
    const nora = (await personByEmail(w.a.org.id, "nora.new@example.test"))!;
    const otto = (await personByEmail(w.a.org.id, "otto.new@example.test"))!;
    const untouched = await t.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, w.a.org.id), inArray(people.id, [w.a.report1.id, w.a.bystander.id, w.a.owner.id])));
    await sendQueuedMail(t.db);
    const mailsBefore = (await t.db.select({ id: outboxEmails.id }).from(outboxEmails)).length;

    const edited = [
      HEADER,
      // Nora: new title and start date; Otto moves from Nora to manager2; report2 renamed.
      `nora.new@example.test,Nora New,${w.a.manager1.email},Design,Lead Designer,2026-03-09`,
      `otto.new@example.test,Otto New,${w.a.manager2.email},Design,,`,
      `${w.a.report2.email},Renamed Report,${w.a.manager2.email},Engineering A,,`,
    ].join("\n");
    const { preview, result } = await importFile(hrA(), edited);
    expect(preview.managerChanges).toEqual([
      {
        row: 3,
        email: "otto.new@example.test",
        name: "Otto New",
        from: { email: "nora.new@example.test", name: "Nora New" },
        to: { email: w.a.manager2.email, name: w.a.manager2.name },
      },
    ]);
    expect(result).toEqual({ created: 0, updated: 3, managerChanges: 1, unchanged: 0, invited: 0 });

    expect(await personByEmail(w.a.org.id, "nora.new@example.test")).toMatchObject({
      id: nora.id,
      title: "Lead Designer",
      startDate: "2026-03-09",
      managerId: w.a.manager1.id,
    });
    expect(await personByEmail(w.a.org.id, "otto.new@example.test")).toMatchObject({ id: otto.id, managerId: w.a.manager2.id });
    expect(await personByEmail(w.a.org.id, w.a.report2.email)).toMatchObject({ id: w.a.report2.id, name: "Renamed Report", managerId: w.a.manager2.id });
    const ottoPairs = await pairsOf(w.a.org.id, otto.id);
    expect(ottoPairs).toEqual([
      { managerId: nora.id, endedAt: expect.any(Date) },
      { managerId: w.a.manager2.id, endedAt: null },
    ]);
    // Nora's pair with manager1 is untouched; people not in the file are left alone.
    expect(await pairsOf(w.a.org.id, nora.id)).toEqual([{ managerId: w.a.manager1.id, endedAt: null }]);
    expect(
      await t.db
        .select()
        .from(people)
        .where(and(eq(people.orgId, w.a.org.id), inArray(people.id, [w.a.report1.id, w.a.bystander.id, w.a.owner.id]))),
    ).toEqual(untouched);
    await sendQueuedMail(t.db);
    expect((await t.db.select({ id: outboxEmails.id }).from(outboxEmails)).length).toBe(mailsBefore);
    expect((await importAudits(w.a.org.id)).at(-1)?.details).toEqual({ rows: 3, created: 0, updated: 3, managerChanges: 1, unchanged: 0 });
  });

  it("swaps a manager and their report in one import (applied top-down, never a loop on the way)", async () => {
    // manager2 → report2 today; the file makes report2 manager2's manager, under grand.
    await importFile(
      hrA(),
      `email,name,manager email\n${w.a.manager2.email},${w.a.manager2.name},${w.a.report2.email}\n${w.a.report2.email},Renamed Report,${w.a.grand.email}\n`,
    );
    expect((await personByEmail(w.a.org.id, w.a.report2.email))!.managerId).toBe(w.a.grand.id);
    expect((await personByEmail(w.a.org.id, w.a.manager2.email))!.managerId).toBe(w.a.report2.id);
    expect(await pairsOf(w.a.org.id, w.a.report2.id)).toEqual([
      { managerId: w.a.manager2.id, endedAt: expect.any(Date) },
      { managerId: w.a.grand.id, endedAt: null },
    ]);
    const open = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(pairs)
      .where(and(eq(pairs.orgId, w.a.org.id), eq(pairs.reportId, w.a.manager2.id), isNull(pairs.endedAt)));
    expect(open[0]!.n).toBe(1);
    // And back, so the world is as the other tests expect it.
    await importFile(
      hrA(),
      `email,name,manager email\n${w.a.manager2.email},${w.a.manager2.name},${w.a.grand.email}\n${w.a.report2.email},${w.a.report2.name},${w.a.manager2.email}\n`,
    );
    expect((await personByEmail(w.a.org.id, w.a.report2.email))!.managerId).toBe(w.a.manager2.id);
  });

  it("moves an existing person under someone the same file creates", async () => {
    const { result } = await importFile(
      hrA(),
      `email,name,manager email\nnew.lead@example.test,New Lead,${w.a.owner.email}\n${w.a.bystander.email},${w.a.bystander.name},new.lead@example.test\n`,
    );
    expect(result).toEqual({ created: 1, updated: 1, managerChanges: 1, unchanged: 0, invited: 1 });
    const lead = (await personByEmail(w.a.org.id, "new.lead@example.test"))!;
    expect(await pairsOf(w.a.org.id, lead.id)).toEqual([{ managerId: w.a.owner.id, endedAt: null }]);
    expect(await pairsOf(w.a.org.id, w.a.bystander.id)).toEqual([
      { managerId: w.a.owner.id, endedAt: expect.any(Date) },
      { managerId: lead.id, endedAt: null },
    ]);
    await importFile(hrA(), `email,name,manager email\n${w.a.bystander.email},${w.a.bystander.name},${w.a.owner.email}\n`);
  });

  it("a problem anywhere writes nothing, and confirm never trusts the preview", async () => {
    const good = `email,name,manager email\nfine.person@example.test,Fine Person,${w.a.manager1.email}\n`;
    const { hash } = await hrA().peopleImport.preview({ csv: good });
    const bad = `${good}broken.person@example.test,Broken Person,nobody@example.test\n`;
    const before = await databaseFingerprint(t.db);

    // The bad file, with the good file's hash: checked again, refused.
    expect(await outcomeOf(hrA().peopleImport.confirm({ csv: bad, expectedHash: hash! }))).toEqual({
      code: "BAD_REQUEST",
      message: "The file has a problem. Check it again and fix it before importing.",
    });
    // A file-level problem.
    expect((await outcomeOf(hrA().peopleImport.confirm({ csv: "name\nNo Email\n", expectedHash: hash! }))).code).toBe("BAD_REQUEST");
    // A good file with a hash from another file or from before a change: refused as stale.
    const other = `email,name\nsomeone.else@example.test,Someone Else\n`;
    expect(await outcomeOf(hrA().peopleImport.confirm({ csv: other, expectedHash: hash! }))).toEqual({
      code: "CONFLICT",
      message: "People in Tandem or the file changed since it was checked. Check the file again, then import.",
    });
    expect(await databaseFingerprint(t.db)).toBe(before);

    // Someone changes the organization after the preview: the checked plan no longer holds.
    await importFile(hrA(), `email,name\n${w.a.manager1.email},Manager A1 Renamed\n`);
    const changed = await databaseFingerprint(t.db);
    expect((await outcomeOf(hrA().peopleImport.confirm({ csv: good, expectedHash: hash! }))).code).toBe("CONFLICT");
    expect(await databaseFingerprint(t.db)).toBe(changed);
    await importFile(hrA(), `email,name\n${w.a.manager1.email},${w.a.manager1.name}\n`);
  });

  it("rolls everything back when a write fails part-way", async () => {
    // A trigger makes the last write of the transaction (the audit entry) fail.
    await t.db.execute(sql`create function fail_import_audit() returns trigger language plpgsql as $$ begin raise exception 'audit unavailable'; end $$`);
    await t.db.execute(
      sql`create trigger fail_import_audit before insert on audit_log for each row when (new.action = 'people.imported') execute function fail_import_audit()`,
    );
    try {
      const csv = [
        HEADER,
        `rollback.one@example.test,Rollback One,${w.a.manager1.email},Rollback Dept,,`,
        `${w.a.report1.email},${w.a.report1.name},${w.a.grand.email},,,`,
      ].join("\n");
      const { hash } = await hrA().peopleImport.preview({ csv });
      const before = await databaseFingerprint(t.db);
      vi.spyOn(console, "error").mockImplementation(() => {});
      expect((await outcomeOf(hrA().peopleImport.confirm({ csv, expectedHash: hash! }))).code).toBe("INTERNAL_SERVER_ERROR");
      expect(await databaseFingerprint(t.db)).toBe(before);
      expect(await outboxTo("rollback.one@example.test")).toEqual([]);
    } finally {
      await t.db.execute(sql`drop trigger fail_import_audit on audit_log`);
      await t.db.execute(sql`drop function fail_import_audit()`);
    }
  });

  it("two confirms of the same checked file: one imports, the other is refused as stale", async () => {
    const csv = `email,name\nrace.one@example.test,Race One\n`;
    const { hash } = await hrA().peopleImport.preview({ csv });
    const outcomes = await Promise.all([
      outcomeOf(hrA().peopleImport.confirm({ csv, expectedHash: hash! })),
      outcomeOf(callerFor(t.db, w.a.owner.id).peopleImport.confirm({ csv, expectedHash: hash! })),
    ]);
    expect(outcomes.map((o) => o.code).sort()).toEqual(["CONFLICT", "OK"]);
    expect(await outboxTo("race.one@example.test")).toHaveLength(1);
  });
});

describe("organizations stay apart", () => {
  it("an address of org B is a new person in org A; org B is untouched and never named", async () => {
    const orgB = await orgDigest(w.b.org.id);
    const csv = [HEADER, `${w.b.report1.email},Someone In A,,,,`, `cross.report@example.test,Cross Report,${w.b.manager1.email},,,`].join("\n");
    const preview = await hrA().peopleImport.preview({ csv });
    // Org B's manager is unknown here, and nothing of org B appears in the answer.
    expect(preview.problems).toEqual([
      { row: 3, column: "managerEmail", message: `No one with the email ${w.b.manager1.email} is in this file or in your organization.` },
    ]);
    const json = JSON.stringify(preview);
    for (const p of everyone(w).filter((p) => p.label.startsWith("B"))) {
      expect(json).not.toContain(p.id);
      expect(json).not.toContain(p.name);
    }

    const { preview: ok, result } = await importFile(hrA(), [HEADER, `${w.b.report1.email},Someone In A,${w.a.manager1.email},,,`].join("\n"));
    expect(ok.creates.map((c) => c.name)).toEqual(["Someone In A"]);
    expect(JSON.stringify(ok)).not.toContain(w.b.report1.name);
    expect(result.created).toBe(1);
    const inA = await personByEmail(w.a.org.id, w.b.report1.email);
    expect(inA).toMatchObject({ name: "Someone In A", managerId: w.a.manager1.id });
    expect(inA!.id).not.toBe(w.b.report1.id);
    expect(await orgDigest(w.b.org.id)).toBe(orgB);
  });

  it("org B's admin can't update or move org A's people, nor replay org A's checked import", async () => {
    const orgA = await orgDigest(w.a.org.id);
    const auditsA = (await importAudits(w.a.org.id)).length;
    // An org A address in org B's file is a new person in org B.
    const hrB = callerFor(t.db, w.b.hr.id);
    const { result } = await importFile(hrB, `email,name,manager email\n${w.a.report1.email},Taken Over,${w.b.manager1.email}\n`);
    expect(result).toMatchObject({ created: 1, updated: 0 });
    expect(await orgDigest(w.a.org.id)).toBe(orgA);
    expect((await importAudits(w.a.org.id)).length).toBe(auditsA);
    expect((await importAudits(w.b.org.id)).at(-1)).toEqual({
      actorId: w.b.hr.id,
      details: { rows: 1, created: 1, updated: 0, managerChanges: 0, unchanged: 0 },
    });

    const csv = `email,name\nreplayed@example.test,Replayed\n`;
    const { hash } = await hrA().peopleImport.preview({ csv });
    expect(await outcomeOf(hrB.peopleImport.confirm({ csv, expectedHash: hash! }))).toMatchObject({ code: "CONFLICT" });
    expect(await orgDigest(w.a.org.id)).toBe(orgA);
  });
});

describe("a large file", () => {
  it("imports 2,000 people in a five-level chart in one confirm, then re-imports as a no-op", async () => {
    const lines = [HEADER];
    const email = (i: number) => `bulk.${i}@example.test`;
    // Person i reports to person floor((i - 1) / 5): a tree five levels deep.
    for (let i = 0; i < 2000; i++)
      lines.push(
        `${email(i)},Bulk Person ${i},${i === 0 ? w.a.owner.email : email(Math.floor((i - 1) / 5))},Bulk ${i % 7},Title ${i},2025-01-${String((i % 28) + 1).padStart(2, "0")}`,
      );
    const csv = lines.join("\n");
    const { result } = await importFile(hrA(), csv);
    expect(result).toMatchObject({ created: 2000, invited: 2000 });
    const before = await databaseFingerprint(t.db);
    expect((await importFile(hrA(), csv)).result).toMatchObject({ created: 0, updated: 0, managerChanges: 0, unchanged: 2000 });
    expect(await databaseFingerprint(t.db)).toBe(before);
  }, 180_000);
});
