import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people } from "@/db/schema";
import { setManager } from "@/server/people/set-manager";
import type { TestDb } from "../support/db";
import { callerFor, createPerson, databaseFingerprint, type World } from "../support/factories";
import { openWorld } from "../support/world";

let t: TestDb;
let w: World;

beforeAll(async () => ({ t, w } = await openWorld()));
afterAll(() => t.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (err) {
    return err instanceof TRPCError ? err.code : `unexpected ${String(err)}`;
  }
}

describe("me.get", () => {
  it("returns the person, their organization, roles and pairs from both sides", async () => {
    const me = await callerFor(t.db, w.a.manager1.id).me.get();
    expect(me.person).toMatchObject({ id: w.a.manager1.id, name: "Manager A1", department: "Engineering A" });
    expect(me.org).toMatchObject({ id: w.a.org.id, name: "Org A", minGroupSize: 5 });
    expect(me.roles).toEqual(["member"]);
    expect(me.pairs.asReport.map((p) => [p.manager.name, p.endedAt])).toEqual([["Grand A", null]]);
    expect(me.pairs.asManager.map((p) => p.report.name)).toEqual(["Report A1"]);
  });

  it("lists every report of a manager and the roles of admins", async () => {
    const grand = await callerFor(t.db, w.a.grand.id).me.get();
    expect(grand.pairs.asManager.map((p) => p.report.name)).toEqual(["Manager A1", "Manager A2"]);
    expect((await callerFor(t.db, w.a.hr.id).me.get()).roles).toEqual(["hr_admin", "member"]);
    expect((await callerFor(t.db, w.a.owner.id).me.get()).roles).toEqual(["member", "owner"]);
  });

  it("me.shell, every page's header, says the same of the person, organization and roles, and nothing of another organization", async () => {
    for (const person of [w.a.manager1, w.a.hr, w.a.owner, w.b.manager1]) {
      const me = await callerFor(t.db, person.id).me.get();
      expect(await callerFor(t.db, person.id).me.shell()).toEqual({
        person: { id: me.person.id, name: me.person.name },
        org: { id: me.org.id, name: me.org.name },
        roles: me.roles,
      });
    }
    expect((await callerFor(t.db, w.b.manager1.id).me.shell()).org.name).toBe("Org B");
    expect(await codeOf(callerFor(t.db, null).me.shell())).toBe("UNAUTHORIZED");
  });

  it("keeps a closed pair visible to its two people after a manager change", async () => {
    const report = await createPerson(t.db, w.a.org.id, { name: "Mover", managerId: w.a.manager1.id });
    await t.db.transaction((tx) => setManager(tx, { orgId: w.a.org.id, personId: report.id, managerId: w.a.manager2.id }));

    const mover = await callerFor(t.db, report.id).me.get();
    expect(mover.pairs.asReport.map((p) => [p.manager.name, p.endedAt === null])).toEqual([
      ["Manager A2", true],
      ["Manager A1", false],
    ]);
    const oldManager = await callerFor(t.db, w.a.manager1.id).me.get();
    const past = oldManager.pairs.asManager.find((p) => p.report.name === "Mover");
    expect(past?.endedAt).toBeInstanceOf(Date);
    const newManager = await callerFor(t.db, w.a.manager2.id).me.get();
    expect(newManager.pairs.asManager.find((p) => p.report.name === "Mover")?.endedAt).toBeNull();
  });
});

describe("directory.list", () => {
  it("lists only people of the caller's own organization", async () => {
    const { people: list } = await callerFor(t.db, w.a.report1.id).directory.list({ limit: 100 });
    const ids = new Set(list.map((p) => p.id));
    for (const person of Object.values(w.a).filter((v) => "email" in v)) expect(ids.has(person.id)).toBe(true);
    for (const person of Object.values(w.b).filter((v) => "email" in v)) expect(ids.has(person.id)).toBe(false);
    expect(JSON.stringify(list)).not.toContain("Org B");
    expect(list.find((p) => p.id === w.a.report1.id)?.manager?.name).toBe("Manager A1");
  });

  it("never finds another organization's people by searching for them", async () => {
    for (const query of ["Report B1", w.b.report1.email, "Engineering B"]) {
      const { people: list } = await callerFor(t.db, w.a.report1.id).directory.list({ query, limit: 50 });
      expect(list).toEqual([]);
    }
  });

  it("searches name, title, department and email, with wildcards taken literally", async () => {
    const caller = callerFor(t.db, w.a.report1.id);
    expect((await caller.directory.list({ query: "manager a", limit: 50 })).people.map((p) => p.name)).toEqual(["Manager A1", "Manager A2"]);
    expect((await caller.directory.list({ query: "engineering a", limit: 50 })).people.length).toBeGreaterThanOrEqual(5);
    expect((await caller.directory.list({ query: "%", limit: 50 })).people).toEqual([]);
    expect((await caller.directory.list({ query: "_", limit: 50 })).people).toEqual([]);
  });

  it("pages through everyone exactly once", async () => {
    const caller = callerFor(t.db, w.a.report1.id);
    const all = (await caller.directory.list({ limit: 100 })).people.map((p) => p.id);
    const seen: string[] = [];
    let cursor: { name: string; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.directory.list>> = await caller.directory.list({ limit: 3, cursor });
      seen.push(...page.people.map((p) => p.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("hides deactivated people", async () => {
    const gone = await createPerson(t.db, w.a.org.id, { name: "Gone Person" });
    await t.db.update(people).set({ deactivatedAt: new Date() }).where(eq(people.id, gone.id));
    const { people: list } = await callerFor(t.db, w.a.report1.id).directory.list({ query: "Gone", limit: 10 });
    expect(list).toEqual([]);
  });
});

describe("who may call", () => {
  it("answers UNAUTHORIZED when signed out, or signed in as a person who no longer exists or was deactivated", async () => {
    const gone = await createPerson(t.db, w.b.org.id, { name: "Deactivated" });
    await t.db.update(people).set({ deactivatedAt: new Date() }).where(eq(people.id, gone.id));
    for (const personId of [null, gone.id, "00000000-0000-4000-8000-000000000000"]) {
      const caller = callerFor(t.db, personId);
      expect(await codeOf(caller.me.get())).toBe("UNAUTHORIZED");
      expect(await codeOf(caller.directory.list({ limit: 10 }))).toBe("UNAUTHORIZED");
    }
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const before = await databaseFingerprint(t.db);
    const caller = callerFor(t.db, w.a.report1.id);
    const bad: unknown[] = [
      { limit: 0 },
      { limit: 1000 },
      { limit: 1.5 },
      { query: "x".repeat(201), limit: 10 },
      { query: 42, limit: 10 },
      { limit: 10, cursor: { name: "A", id: "not-a-uuid" } },
    ];
    for (const input of bad) {
      // @ts-expect-error deliberately wrong input, as a hostile client could send
      const error = await caller.directory.list(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
    }
    const tooLong = await caller.directory.list({ query: "x".repeat(201), limit: 10 }).catch((e: TRPCError) => e);
    expect((tooLong as TRPCError).message).toContain("at most 200 characters");
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
