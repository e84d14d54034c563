import crypto from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { drizzleForPostgres, type Db } from "@/db/client";
import { actionItems, privateNotes, responses, sharedNotes } from "@/db/schema";
import { questionRules } from "@/server/assessments/answers";
import { getItemBank } from "@/server/assessments/item-bank";
import { env } from "@/server/env";
import { NotesConflictError } from "@/server/meetings/meeting";
import type { TestDb } from "../support/db";
import { overHttp } from "../support/http";
import { startDroppingProxy } from "../support/dropping-proxy";
import { callerFor, createPerson, rowsOf, type World } from "../support/factories";
import { openWorld } from "../support/world";
import { addDays, dayOf, weekdayOf } from "../support/meetings";

// Faults while a person's work is being saved (issue 7, part 3): the database connection drops
// in the middle of a draft save, a shared-notes save or an action-item add; the reply to a save
// that did commit never arrives; two tabs of one person save the same draft or notes at once.
// In every case the call either succeeds or fails loudly, nothing partial is written, and the
// retry the browser makes (same input, use-autosave.ts / use-note-autosave.ts / the action-item
// form's client key) leaves each change exactly once.
//
// On Postgres the faults are real: a second (admin) connection holds a row lock the save needs,
// so the save is provably mid-transaction, then pg_terminate_backend ends every backend of the
// app's pool; a TCP proxy (tests/support/dropping-proxy.ts) cuts the connection right after the
// server has committed (a COMMIT, or a draft save's one statement, which commits on its own).
// PGlite has no connection to drop: there the lost reply is modelled by a Db whose transaction,
// or write outside one, commits and then throws.

const GENERIC = "Something went wrong on our side. Please try again.";
const SCALE_KEYS = [...questionRules(getItemBank(1))].filter(([, rule]) => rule.kind === "scale").map(([key]) => key);

let t: TestDb;
let w: World;

beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

const as = (person: { id: string }, db: Db = t.db) => callerFor(db, person.id);

/**
 * A new report of manager A1, so each test has a pair of its own: a check-in the report started
 * (both drafts empty) and the first meeting of a weekly series a week from now.
 */
async function newPair(name: string) {
  const report = await createPerson(t.db, w.a.org.id, { name, managerId: w.a.manager1.id, departmentId: w.a.dept.id });
  const manager = w.a.manager1;
  const pairId = (await as(report).me.get()).pairs.asReport[0]!.id;
  const { assessmentId } = await as(report).assessments.startCheckIn({ pairId });
  const startsOn = addDays(dayOf(new Date()), 7);
  await as(report).meetings.createSeries({
    pairId,
    startsOn,
    frequency: "weekly",
    weekday: weekdayOf(startsOn),
    weekOfMonth: null,
    startTime: "10:00",
    timeZone: "UTC",
    durationMinutes: 30,
  });
  const meetingId = (await as(report).meetings.forPair({ pairId })).upcoming[0]!.id;
  return { report, manager, pairId, assessmentId, meetingId };
}

async function draftOf(assessmentId: string, personId: string) {
  const [row] = await t.db
    .select({ id: responses.id, answers: responses.answers, revision: responses.revision, submittedAt: responses.submittedAt })
    .from(responses)
    .where(and(eq(responses.assessmentId, assessmentId), eq(responses.respondentId, personId)));
  return row!;
}

async function sharedNotesOf(meetingId: string) {
  const [row] = await t.db.select({ body: sharedNotes.body, version: sharedNotes.version }).from(sharedNotes).where(eq(sharedNotes.meetingId, meetingId));
  return row ?? null;
}

function actionItemsOf(meetingId: string) {
  return t.db
    .select({ id: actionItems.id, text: actionItems.text, ownerId: actionItems.ownerId })
    .from(actionItems)
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.createdAt));
}

/** The tRPC error a call was refused with (fails the test if it succeeded). */
async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TRPCError);
  return outcome.error as TRPCError;
}

// ---------------------------------------------------------------------------------------------
// Postgres: an admin connection that holds row locks and ends the app's backends.

function testDatabaseUrl(name: string): URL {
  const url = new URL(env().TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url;
}

async function currentDatabase(): Promise<string> {
  return rowsOf<{ name: string }>(await t.db.execute(sql`select current_database() as name`))[0]!.name;
}

const ADMIN_APP_NAME = "tandem-fault-admin";

/** Two connections to the test database: one reserved to hold a lock in an open transaction, one to look and terminate. */
async function openAdmin() {
  // Named, so that "every backend but ours" never includes one of these.
  const admin = postgres(testDatabaseUrl(await currentDatabase()).toString(), { max: 2, onnotice: () => {}, connection: { application_name: ADMIN_APP_NAME } });

  return {
    /** Begins a transaction that runs `lockQuery` and keeps its locks until `release()`. */
    async holdLock(lockQuery: (sql: postgres.ReservedSql) => Promise<unknown>) {
      const conn = await admin.reserve();
      await conn`begin`;
      const [backend] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const pid = backend!.pid;
      await lockQuery(conn);
      let released = false;
      return {
        pid,
        async release() {
          if (released) return;
          released = true;
          await conn`rollback`;
          conn.release();
        },
      };
    },
    /**
     * Waits until `count` backends wait on a lock, directly on the one `pid` holds or queued
     * behind another waiter for it; returns them and what they run.
     */
    async waitForBlocked(count: number, ms = 15_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const rows = await admin<{ pid: number; query: string }[]>`
          select pid, query from pg_stat_activity
          where datname = current_database() and application_name <> ${ADMIN_APP_NAME} and cardinality(pg_blocking_pids(pid)) > 0`;
        if (rows.length >= count) return rows;
        if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${count} backends blocked within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /** pg_terminate_backend on every client backend of the test database that is not ours: the app's whole pool. */
    async terminateAppBackends() {
      const rows = await admin<{ pid: number; terminated: boolean }[]>`
        select pid, pg_terminate_backend(pid) as terminated from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and application_name <> ${ADMIN_APP_NAME}`;
      expect(rows.every((r) => r.terminated)).toBe(true);
      return rows.map((r) => r.pid);
    },
    end: () => admin.end({ timeout: 5 }),
  };
}

/**
 * Runs `call` while `lock` holds a row lock it needs; once the call's backend is seen waiting
 * on that lock (mid-transaction), ends every backend of the app's pool, then releases the lock.
 */
async function terminatedMidSave<T>(
  lockQuery: (sql: postgres.ReservedSql) => Promise<unknown>,
  call: () => Promise<T>,
): Promise<{ result: T; blockedQuery: string; terminated: number[] }> {
  const admin = await openAdmin();
  const lock = await admin.holdLock(lockQuery);
  try {
    const pending = call();
    const [blocked] = await admin.waitForBlocked(1);
    const terminated = await admin.terminateAppBackends();
    expect(terminated).toContain(blocked!.pid);
    const result = await pending;
    // Pooled connections that were idle when they were ended fail once when next used (see
    // expectPoolRecovers): let that happen here, so the checks that follow read the database
    // instead of meeting one of those connections.
    await Promise.allSettled(Array.from({ length: 30 }, () => t.db.execute(sql`select 1`)));
    return { result, blockedQuery: blocked!.query, terminated };
  } finally {
    await lock.release();
    await admin.end();
  }
}

/** Rejects with `message` if `promise` has not settled within `ms`. */
async function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * After the drop, every connection of the app's pool (10, as in production) must serve again
 * within seconds. Connections the drop ended while idle may fail once when next used (a quick,
 * retryable server error); after that, none may fail or hang. (postgres.js 3.4.9 breaks this: a
 * write it scheduled before the close runs on a null socket, throws from a timer, and leaves that
 * connection unable to send anything again; porsager/postgres#1154, #1208.)
 */
async function expectPoolRecovers() {
  const round = () => Promise.allSettled(Array.from({ length: 30 }, () => t.db.transaction((tx) => tx.execute(sql`select pg_sleep(0.05)`))));
  const hang = "the app's pool did not answer within 10 s after the connection drop: a pooled connection hangs until postgres.js's 30 s connect timeout";
  await withDeadline(round(), 10_000, hang);
  const second = await withDeadline(round(), 10_000, hang);
  expect(second.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
}

describe.skipIf(!env().TEST_DATABASE_URL)("on Postgres, the connection drops while a save is in flight", () => {
  // An exception thrown from a driver timer escapes every await: it would reach the server's
  // process (Next logs it and carries on with a broken pool connection).
  const uncaught: string[] = [];
  const record = (err: unknown) => void uncaught.push(String(err));
  beforeAll(() => void process.on("uncaughtException", record));
  afterAll(() => void process.off("uncaughtException", record));
  afterEach(async () => {
    expect.soft(uncaught.splice(0), "uncaught exceptions while the connection dropped").toEqual([]);
    await expectPoolRecovers();
  }, 60_000);

  it("saving a draft: the save fails loudly (500, a retryable error), writes nothing, and the retry saves each answer once", async () => {
    const { report, assessmentId } = await newPair("Report Draft Drop");
    const me = as(report);
    await me.assessments.saveDraft({ assessmentId, changes: { [SCALE_KEYS[0]!]: 4 } });
    const before = await draftOf(assessmentId, report.id);
    expect(before).toMatchObject({ answers: { [SCALE_KEYS[0]!]: 4 }, revision: 1 });

    const changes = { [SCALE_KEYS[1]!]: 2, [SCALE_KEYS[2]!]: 5 };
    // The save, one statement, has taken its share lock on the assessment and waits to update the draft's row.
    const { result, blockedQuery } = await terminatedMidSave(
      (conn) => conn`select 1 from responses where id = ${before.id} for update`,
      () => overHttp(t.db, report.id, "assessments.saveDraft", { assessmentId, changes }),
    );
    expect(blockedQuery).toMatch(/update "responses"/);
    // What the browser gets: a server error, not a refusal, so use-autosave keeps the answers
    // and retries; no SQL or driver message leaks.
    expect(result.status).toBe(500);
    expect(result.error).toMatchObject({ message: GENERIC, data: { code: "INTERNAL_SERVER_ERROR" } });
    expect(await draftOf(assessmentId, report.id)).toEqual(before);

    // The retry, as use-autosave sends it: the same batch. Saved once, on a fresh connection.
    expect(await me.assessments.saveDraft({ assessmentId, changes })).toMatchObject({ revision: 2 });
    expect(await draftOf(assessmentId, report.id)).toEqual({ ...before, answers: { ...before.answers, ...changes }, revision: 2 });
    expect((await me.assessments.get({ assessmentId })).mine.answers).toEqual({ ...before.answers, ...changes });
  }, 90_000);

  it("saving shared notes: the upsert is cut off, the notes stay at their version, and the retry saves them once", async () => {
    const { report, manager, meetingId } = await newPair("Report Notes Drop");
    await as(manager).meetings.saveSharedNotes({ meetingId, body: "Agenda for Monday", baseVersion: 0 });
    const before = await sharedNotesOf(meetingId);
    expect(before).toEqual({ body: "Agenda for Monday", version: 1 });

    const input = { meetingId, body: "Agenda for Monday\n- my point about on-call", baseVersion: 1 };
    // The save holds the meeting's lock and has read version 1; it waits to write the row.
    const { result, blockedQuery } = await terminatedMidSave(
      (conn) => conn`select 1 from shared_notes where meeting_id = ${meetingId} for update`,
      () => overHttp(t.db, report.id, "meetings.saveSharedNotes", input),
    );
    expect(blockedQuery).toMatch(/insert into "shared_notes"/);
    expect(result.status).toBe(500);
    expect(result.error).toMatchObject({ message: GENERIC, data: { code: "INTERNAL_SERVER_ERROR" } });
    expect(await sharedNotesOf(meetingId)).toEqual(before);

    // use-note-autosave retries with the same text on the same base version: saved, one version up.
    expect(await as(report).meetings.saveSharedNotes(input)).toEqual({ version: 2 });
    expect(await sharedNotesOf(meetingId)).toEqual({ body: input.body, version: 2 });
  }, 90_000);

  it("adding an action item: the insert is cut off, no item exists, and the retry adds exactly one", async () => {
    const { report, manager, meetingId } = await newPair("Report Action Drop");
    const input = { meetingId, text: "Send the on-call proposal", ownerId: report.id, dueOn: null, clientKey: crypto.randomUUID() };
    // The add holds the meeting's lock and has passed every check; its foreign-key check on the
    // owner waits for the owner's row.
    const { result, blockedQuery } = await terminatedMidSave(
      (conn) => conn`select 1 from people where id = ${report.id} for update`,
      () => overHttp(t.db, manager.id, "meetings.addActionItem", input),
    );
    expect(blockedQuery).toMatch(/insert into "action_items"/);
    expect(result.status).toBe(500);
    expect(result.error).toMatchObject({ message: GENERIC, data: { code: "INTERNAL_SERVER_ERROR" } });
    expect(await actionItemsOf(meetingId)).toEqual([]);

    // The form keeps its text and client key until an add succeeds; sending it again adds one item.
    const { id } = await as(manager).meetings.addActionItem(input);
    expect(await actionItemsOf(meetingId)).toEqual([{ id, text: input.text, ownerId: report.id }]);
  }, 90_000);
});

// ---------------------------------------------------------------------------------------------
// The reply to a committed save is lost.

interface FaultyDb {
  db: Db;
  /** The next commit happens, then its caller gets a connection error instead of the result. */
  loseNextCommitReply(): void;
  close(): Promise<void>;
}

/**
 * PGlite: a Db whose armed commit happens and then throws, as a lost reply looks to the app. A
 * commit is a transaction's, or a write run outside one (`db.update(…)`, `db.with(…).update(…)`,
 * inserts and deletes), which commits on its own.
 */
function replyLosingDb(db: Db): FaultyDb {
  let armed = false;
  const lose = <T>(result: T): T => {
    if (armed) {
      armed = false;
      throw new Error("Connection terminated: the reply to the commit never arrived");
    }
    return result;
  };
  // A query builder whose statement, once it ran, loses its reply when armed; every builder its
  // methods return (where, set, returning, …) does the same.
  const losingBuilder = (builder: object): object =>
    new Proxy(builder, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === "then") {
          return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) => (target as PromiseLike<unknown>).then(lose).then(resolve, reject);
        }
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return out !== null && typeof out === "object" ? losingBuilder(out) : out;
        };
      },
    });
  const writes = new Set<PropertyKey>(["update", "insert", "delete", "with"]);
  const wrapped = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === "transaction") {
        return async (...args: Parameters<Db["transaction"]>) => lose(await target.transaction(...args));
      }
      if (writes.has(prop)) return (...args: unknown[]) => losingBuilder((value as (...a: unknown[]) => object).apply(target, args));
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: wrapped, loseNextCommitReply: () => (armed = true), close: async () => {} };
}

/** Postgres: the app's own pool, through a proxy that cuts the connection after the server commits. */
async function droppingProxyDb(): Promise<FaultyDb> {
  const target = new URL(env().TEST_DATABASE_URL!);
  const proxy = await startDroppingProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const url = testDatabaseUrl(await currentDatabase());
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  const client = postgres(url.toString(), { max: 2, ssl: false, onnotice: () => {} });
  return {
    db: drizzleForPostgres(client),
    loseNextCommitReply: () => proxy.dropNextCommitReply(),
    close: async () => {
      expect(proxy.dropped(), "commit replies the proxy dropped").toBeGreaterThan(0);
      await client.end({ timeout: 5 });
      await proxy.close();
    },
  };
}

describe("the reply to a save that committed is lost; the browser sends it again", () => {
  let faulty: FaultyDb;
  beforeAll(async () => {
    faulty = t.kind === "postgres" ? await droppingProxyDb() : replyLosingDb(t.db);
  });
  afterAll(() => faulty.close());

  /** `call` through the faulty Db with the next commit's reply lost: it must fail, not pretend. */
  async function lostReply(call: (db: Db) => Promise<unknown>) {
    faulty.loseNextCommitReply();
    const error = await refusal(call(faulty.db));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
  }

  it("a draft: the retry re-applies the same answers; nothing is doubled or lost", async () => {
    const { report, assessmentId } = await newPair("Report Draft Lost Reply");
    const changes = { [SCALE_KEYS[3]!]: 3, [SCALE_KEYS[4]!]: 1 };
    await lostReply((db) => as(report, db).assessments.saveDraft({ assessmentId, changes }));
    // It did commit.
    expect((await draftOf(assessmentId, report.id)).answers).toEqual(changes);
    await as(report).assessments.saveDraft({ assessmentId, changes });
    expect((await draftOf(assessmentId, report.id)).answers).toEqual(changes);
  });

  it("shared notes: the retry on the old base version is recognised as the same save, not a conflict", async () => {
    const { report, meetingId } = await newPair("Report Notes Lost Reply");
    const input = { meetingId, body: "Talk about the conference budget", baseVersion: 0 };
    await lostReply((db) => as(report, db).meetings.saveSharedNotes(input));
    expect(await sharedNotesOf(meetingId)).toEqual({ body: input.body, version: 1 });
    // use-note-autosave never learnt of version 1, so it sends base version 0 again.
    expect(await as(report).meetings.saveSharedNotes(input)).toEqual({ version: 1 });
    expect(await sharedNotesOf(meetingId)).toEqual({ body: input.body, version: 1 });
  });

  it("a private note: the retry leaves the one note as typed", async () => {
    const { report, meetingId } = await newPair("Report Private Lost Reply");
    const input = { meetingId, body: "Ask about the transfer" };
    await lostReply((db) => as(report, db).meetings.savePrivateNote(input));
    await as(report).meetings.savePrivateNote(input);
    const rows = await t.db.select({ body: privateNotes.body }).from(privateNotes).where(eq(privateNotes.meetingId, meetingId));
    expect(rows).toEqual([{ body: input.body }]);
  });

  it("an action item: the retry with the form's client key adds nothing twice and answers with the item's id", async () => {
    const { report, manager, meetingId } = await newPair("Report Action Lost Reply");
    const input = { meetingId, text: "Book the training", ownerId: report.id, dueOn: null, clientKey: crypto.randomUUID() };
    await lostReply((db) => as(manager, db).meetings.addActionItem(input));
    const [committed] = await actionItemsOf(meetingId);
    expect(committed).toMatchObject({ text: input.text });
    expect(await as(manager).meetings.addActionItem(input)).toEqual({ id: committed!.id });
    expect(await actionItemsOf(meetingId)).toEqual([{ id: committed!.id, text: input.text, ownerId: report.id }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Two tabs of one person.

describe("two tabs of the same person", () => {
  it("save different answers of one draft, interleaved: every answer of both tabs is kept", async () => {
    const { report, assessmentId } = await newPair("Report Two Tabs");
    const [tab1, tab2] = [as(report), as(report)];
    const first = SCALE_KEYS.slice(0, 8);
    const second = SCALE_KEYS.slice(8, 16);
    // Each tab saves one question per call, as the debounced autosave does while clicking along.
    const run = async (tab: typeof tab1, keys: string[], value: number) => {
      for (const key of keys) await tab.assessments.saveDraft({ assessmentId, changes: { [key]: value } });
    };
    await Promise.all([run(tab1, first, 2), run(tab2, second, 4)]);
    const draft = await draftOf(assessmentId, report.id);
    expect(draft.answers).toEqual(Object.fromEntries([...first.map((k) => [k, 2]), ...second.map((k) => [k, 4])]));
    expect(draft.revision).toBe(16);
  });

  it("save the shared notes from the same version: one is saved, the other gets a conflict carrying the saved text; the merge keeps both", async () => {
    const { report, meetingId } = await newPair("Report Two Tabs Notes");
    await as(report).meetings.saveSharedNotes({ meetingId, body: "Goals", baseVersion: 0 });
    const tab1Text = "Goals\n- from tab one";
    const tab2Text = "Goals\n- from tab two";

    // Sent at the same moment; on Postgres they really race for the meeting's lock.
    const outcomes = await Promise.allSettled([
      as(report).meetings.saveSharedNotes({ meetingId, body: tab1Text, baseVersion: 1 }),
      as(report).meetings.saveSharedNotes({ meetingId, body: tab2Text, baseVersion: 1 }),
    ]);
    const saved = outcomes.findIndex((o) => o.status === "fulfilled");
    expect(saved, JSON.stringify(outcomes)).not.toBe(-1);
    const [winner, loser] = saved === 0 ? [tab1Text, tab2Text] : [tab2Text, tab1Text];
    expect(outcomes[saved]).toEqual({ status: "fulfilled", value: { version: 2 } });
    const refused = outcomes[1 - saved]!;
    expect(refused.status).toBe("rejected");
    const error = (refused as PromiseRejectedResult).reason as TRPCError;
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe("CONFLICT");
    expect(error.cause).toBeInstanceOf(NotesConflictError);
    expect((error.cause as NotesConflictError).current).toEqual({ body: winner, version: 2 });
    expect(await sharedNotesOf(meetingId)).toEqual({ body: winner, version: 2 });

    // Over HTTP the browser gets the same, with the saved text for the merge view.
    const stale = await overHttp(t.db, report.id, "meetings.saveSharedNotes", { meetingId, body: loser, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.error?.data).toMatchObject({ code: "CONFLICT", conflict: { current: { body: winner, version: 2 } } });

    // The losing tab merges (theirs, then its own, as MergeNotes proposes) onto version 2.
    const merged = `${winner}\n\n${loser}`;
    expect(await as(report).meetings.saveSharedNotes({ meetingId, body: merged, baseVersion: 2 })).toEqual({ version: 3 });
    const stored = await sharedNotesOf(meetingId);
    expect(stored?.body).toContain("- from tab one");
    expect(stored?.body).toContain("- from tab two");
  });

  it.skipIf(!env().TEST_DATABASE_URL)("on Postgres, two saves of one draft waiting on the same lock both land when it is released", async () => {
    const { report, assessmentId } = await newPair("Report Two Tabs Locked");
    const { id } = await draftOf(assessmentId, report.id);
    const admin = await openAdmin();
    const lock = await admin.holdLock((conn) => conn`select 1 from responses where id = ${id} for update`);
    let saves: Promise<unknown>[] = [];
    try {
      saves = [
        as(report).assessments.saveDraft({ assessmentId, changes: { [SCALE_KEYS[0]!]: 1 } }),
        as(report).assessments.saveDraft({ assessmentId, changes: { [SCALE_KEYS[1]!]: 5 } }),
      ];
      await admin.waitForBlocked(2);
    } finally {
      await lock.release();
      await admin.end();
    }
    const revisions = ((await Promise.all(saves)) as { revision: number }[]).map((s) => s.revision).sort();
    expect(revisions).toEqual([1, 2]);
    expect((await draftOf(assessmentId, report.id)).answers).toEqual({ [SCALE_KEYS[0]!]: 1, [SCALE_KEYS[1]!]: 5 });
  });
});
