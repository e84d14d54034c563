import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, organizations, orgRoles, people, users, type OrgRole, type SignInMethod } from "@/db/schema";
import { createSession } from "@/server/auth/sessions";
import { setManager } from "@/server/people/set-manager";
import { createCaller } from "@/server/trpc/root";
import { createContext } from "@/server/trpc/init";

export async function createOrg(db: Db, name: string) {
  const [org] = await db
    .insert(organizations)
    .values({ name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomBytes(3).toString("hex")}` })
    .returning();
  return org!;
}

export async function createDepartment(db: Db, orgId: string, name: string) {
  const [row] = await db.insert(departments).values({ orgId, name }).returning();
  return row!;
}

export async function createPerson(
  db: Db,
  orgId: string,
  input: { name: string; email?: string; managerId?: string; departmentId?: string; title?: string; roles?: OrgRole[] },
) {
  const email = input.email ?? `${input.name.toLowerCase().replace(/\W+/g, ".")}.${crypto.randomBytes(2).toString("hex")}@example.test`;
  const [person] = await db
    .insert(people)
    .values({ orgId, name: input.name, email, title: input.title ?? null, departmentId: input.departmentId ?? null })
    .returning();
  if (input.managerId) await db.transaction((tx) => setManager(tx, { orgId, personId: person!.id, managerId: input.managerId! }));
  for (const role of input.roles ?? []) await db.insert(orgRoles).values({ orgId, personId: person!.id, role });
  return person!;
}

/**
 * Two organizations, each with two pairs, a manager's manager, an HR admin, an owner and a
 * bystander: the cast every authorization test uses.
 *
 *   A: owner ─ grand ─┬─ managerA1 ─ reportA1   (pair A1)
 *                     └─ managerA2 ─ reportA2   (pair A2)
 *      hrA (HR admin), bystanderA (member, no pair with anyone above)
 *   B: the same shape.
 */
export async function createWorld(db: Db) {
  async function org(label: "A" | "B") {
    const o = await createOrg(db, `Org ${label}`);
    const dept = await createDepartment(db, o.id, `Engineering ${label}`);
    const owner = await createPerson(db, o.id, { name: `Owner ${label}`, roles: ["owner"] });
    const grand = await createPerson(db, o.id, { name: `Grand ${label}`, managerId: owner.id, departmentId: dept.id });
    const manager1 = await createPerson(db, o.id, { name: `Manager ${label}1`, managerId: grand.id, departmentId: dept.id });
    const report1 = await createPerson(db, o.id, { name: `Report ${label}1`, managerId: manager1.id, departmentId: dept.id });
    const manager2 = await createPerson(db, o.id, { name: `Manager ${label}2`, managerId: grand.id, departmentId: dept.id });
    const report2 = await createPerson(db, o.id, { name: `Report ${label}2`, managerId: manager2.id, departmentId: dept.id });
    const hr = await createPerson(db, o.id, { name: `HR ${label}`, managerId: owner.id, roles: ["hr_admin"] });
    const bystander = await createPerson(db, o.id, { name: `Bystander ${label}`, managerId: owner.id });
    return { org: o, dept, owner, grand, manager1, report1, manager2, report2, hr, bystander };
  }
  return { a: await org("A"), b: await org("B") };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** A tRPC caller acting as `personId` (or signed out with null), as the browser would reach it. */
/** A caller signed in as a person; with `session`, through that server-side session (what switching and signing out act on). */
export function callerFor(db: Db, personId: string | null, session?: { id: string; userId: string; method: SignInMethod }) {
  return createCaller(createContext({ db, personId, session }));
}

/** A sign-in identity (Auth.js user) for an address, made once. */
export async function identityFor(db: Db, email: string): Promise<string> {
  const [row] = await db.insert(users).values({ email }).onConflictDoUpdate({ target: users.email, set: { email } }).returning({ id: users.id });
  return row!.id;
}

/** A server-side session for a person, signed in by `method` as the identity holding their address. */
export async function sessionFor(db: Db, person: { id: string; orgId: string; email: string }, method: SignInMethod = "email") {
  const userId = await identityFor(db, person.email);
  const { id, token } = await createSession(db, { userId, orgId: person.orgId, personId: person.id, method });
  return { id, token, userId, method };
}

/**
 * A fingerprint of every row of every application table, to assert that a refused call
 * changed nothing.
 */
export async function databaseFingerprint(db: Db): Promise<string> {
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of rowsOf<{ table_name: string }>(tables)) {
    const result = await db.execute<{ digest: string | null }>(
      sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(table_name)} t`,
    );
    parts.push(`${table_name}:${rowsOf<{ digest: string | null }>(result)[0]?.digest}`);
  }
  return parts.join("\n");
}

/** db.execute returns an array on postgres.js and { rows } on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
