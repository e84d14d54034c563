import type postgres from "postgres";
import { copyRows } from "./copy";
import { BANK_VERSION } from "./options";
import type { World } from "./plan";
import { addDays, isoDate } from "./random";
import type { Person } from "./tree";

// The organization, its departments, people, roles and pairs; then its cycles with their audit
// trail, as HR would have left them.

/** Writes the organization and its people; returns the head of People, who runs the cycles. */
export async function writeOrganization(tx: postgres.TransactionSql, w: World, input: { name: string; slug: string }): Promise<Person> {
  const { orgId, people, departments, founded } = w;
  await tx`insert into organizations (id, name, slug, min_group_size, is_demo, created_at) values (${orgId}, ${input.name}, ${input.slug}, 5, false, ${founded})`;
  await copyRows(tx, "departments", ["id", "org_id", "name", "created_at"], departments.map((d) => [d.id, orgId, d.name, founded]));
  await copyRows(
    tx,
    "people",
    ["id", "org_id", "email", "name", "title", "department_id", "manager_id", "start_date", "deactivated_at", "created_at"],
    people.map((p) => [
      p.id,
      orgId,
      p.email,
      p.name,
      p.title,
      p.department === null ? null : departments[p.department]!.id,
      p.parent === null ? null : people[p.parent]!.id,
      isoDate(p.startDate),
      p.deactivatedAt,
      founded,
    ]),
  );
  // Owner: the CEO; HR admins: the head of People and two of their reports.
  const peopleHead = people.find((p) => p.depth === 1 && p.fn === "People") ?? people[1]!;
  const hr = [peopleHead, ...peopleHead.children.slice(0, 2).map((c) => people[c]!)];
  await copyRows(tx, "org_roles", ["org_id", "person_id", "role", "created_at"], [[orgId, people[0]!.id, "owner", founded], ...hr.map((p) => [orgId, p.id, "hr_admin", founded] as const)]);
  await copyRows(
    tx,
    "pairs",
    ["id", "org_id", "manager_id", "report_id", "started_at", "ended_at"],
    w.pairs.map((p) => [p.id, orgId, people[p.managerIdx]!.id, people[p.reportIdx]!.id, p.startedAt, p.endedAt]),
  );
  return peopleHead;
}

/** The cycles, the pilot's departments, and the audit entries of creating, opening and closing each. */
export async function writeCycles(tx: postgres.TransactionSql, w: World, hr: Person): Promise<void> {
  const { rng, orgId, cycles } = w;
  for (const c of cycles) {
    if (!c.allDepartments) c.departments = w.departments.filter(() => rng.chance(0.35)).map((d) => d.id);
  }
  await copyRows(
    tx,
    "cycles",
    ["id", "org_id", "name", "opens_on", "closes_on", "status", "all_departments", "bank_version", "min_group_size", "created_by_id", "opened_at", "closed_at", "created_at"],
    cycles.map((c) => [c.id, orgId, c.name, isoDate(c.opensOn), isoDate(c.closesOn), c.open ? "open" : "closed", c.allDepartments, BANK_VERSION, 5, hr.id, c.openedAt, c.closedAt, addDays(c.opensOn, -7)]),
  );
  await copyRows(tx, "cycle_departments", ["org_id", "cycle_id", "department_id"], cycles.flatMap((c) => c.departments.map((d) => [orgId, c.id, d] as const)));
  await copyRows(
    tx,
    "audit_log",
    ["id", "org_id", "actor_id", "actor_name", "action", "details", "created_at"],
    cycles.flatMap((c) => [
      [rng.uuid(), orgId, hr.id, hr.name, "cycle.created", JSON.stringify({ cycleId: c.id, name: c.name }), addDays(c.opensOn, -7)] as const,
      [rng.uuid(), orgId, hr.id, hr.name, "cycle.opened", JSON.stringify({ cycleId: c.id, name: c.name }), c.openedAt] as const,
      ...(c.closedAt ? [[rng.uuid(), orgId, hr.id, hr.name, "cycle.closed", JSON.stringify({ cycleId: c.id, name: c.name }), c.closedAt] as const] : []),
    ]),
  );
}
