import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycles, departments, organizations, pairs, people, responses } from "@/db/schema";
import type { GroupDef, InvitedPair, ResponseRow } from "./compute";

// What a cycle's trend figures are computed from, loaded in a few set-based statements.

const report = alias(people, "report");

/** Cycles that have opened (or one of them), oldest first, with the k each was opened with. */
export async function openedCycles(db: Db, orgId: string, cycleId?: string) {
  return db
    .select({
      id: cycles.id,
      name: cycles.name,
      opensOn: cycles.opensOn,
      openedAt: cycles.openedAt,
      status: cycles.status,
      bankVersion: cycles.bankVersion,
      minGroupSize: cycles.minGroupSize,
      figuresVersion: cycles.figuresVersion,
    })
    .from(cycles)
    .where(and(eq(cycles.orgId, orgId), ne(cycles.status, "draft"), ...(cycleId ? [eq(cycles.id, cycleId)] : [])))
    .orderBy(asc(cycles.opensOn), asc(cycles.createdAt));
}

export type OpenedCycle = Awaited<ReturnType<typeof openedCycles>>[number];

export const orgGroupId = (orgId: string) => `org:${orgId}`;
const teamGroupId = (managerId: string) => `team:${managerId}`;

/**
 * The teams of a cycle. The team of manager M is every pair of the cycle whose report is in M's
 * subtree: the pairs M manages, and those of everyone below M, directly or not. Reporting lines
 * are taken as they were when the cycle opened (the pairs open at that moment), not as they are
 * today: a closed cycle's teams, and so what its figures are computed from, never change after a
 * reorganization, so the same cycle can't be shown twice with one person more or less.
 * Returns, per invited pair, its managers from the nearest up, and per manager, that chain.
 */
async function teamsOf(db: Db, orgId: string, cycle: OpenedCycle, invited: readonly { managerId: string }[]) {
  const at = cycle.openedAt ?? new Date(`${cycle.opensOn}T00:00:00Z`);
  const lines = await db
    .select({ managerId: pairs.managerId, reportId: pairs.reportId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), lte(pairs.startedAt, at), or(isNull(pairs.endedAt), gt(pairs.endedAt, at))));
  const managerOf = new Map(lines.map((l) => [l.reportId, l.managerId]));
  const chains = new Map<string, string[]>();
  const chainOf = (managerId: string): string[] => {
    const known = chains.get(managerId);
    if (known) return known;
    const chain: string[] = [];
    // Lines at one moment form a tree (setManager refuses loops); the guard only stops a bad row.
    for (let m: string | undefined = managerId; m !== undefined && !chain.includes(m); m = managerOf.get(m)) chain.push(m);
    chains.set(managerId, chain);
    return chain;
  };
  for (const p of invited) chainOf(p.managerId);
  const managers = [...new Set([...chains.values()].flat())];
  const names = new Map<string, string>();
  for (let i = 0; i < managers.length; i += 1000) {
    const rows = await db.select({ id: people.id, name: people.name }).from(people).where(and(eq(people.orgId, orgId), inArray(people.id, managers.slice(i, i + 1000))));
    for (const r of rows) names.set(r.id, r.name);
  }
  // Depth-first, siblings by name: a team is listed right after the team it is part of.
  const collator = new Intl.Collator("en");
  const children = new Map<string | undefined, string[]>();
  for (const m of managers) {
    const parent = chainOf(m)[1];
    children.set(parent, [...(children.get(parent) ?? []), m]);
  }
  const teams: GroupDef[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    const below = (children.get(parent) ?? []).sort((a, b) => collator.compare(names.get(a) ?? "", names.get(b) ?? "") || (a < b ? -1 : 1));
    for (const m of below) {
      teams.push({ id: teamGroupId(m), name: `Team of ${names.get(m) ?? "a former manager"}`, kind: "team", depth });
      visit(m, depth + 1);
    }
  };
  visit(undefined, 0);
  return { teams, chainOf };
}

export async function loadCycleInputs(db: Db, orgId: string, cycle: OpenedCycle) {
  const [org] = await db.select({ name: organizations.name, k: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, orgId));
  const k = cycle.minGroupSize ?? org?.k ?? 5;
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.name));
  const invitedPairs = await db
    .select({ assessmentId: assessments.id, managerId: pairs.managerId, reportId: pairs.reportId, departmentId: report.departmentId })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.cycleId, cycle.id)));
  // Submitted responses count in trends whether or not the pair's results were revealed.
  const rows = await db
    .select({ assessmentId: responses.assessmentId, side: responses.side, respondentId: responses.respondentId, answers: responses.answers })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(and(eq(responses.orgId, orgId), eq(assessments.cycleId, cycle.id), isNotNull(responses.submittedAt)));
  const { teams, chainOf } = await teamsOf(db, orgId, cycle, invitedPairs);

  const orgGroup = orgGroupId(orgId);
  const groups: GroupDef[] = [
    { id: orgGroup, name: org?.name ?? "Organization", kind: "org", depth: 0 },
    ...depts.map((d) => ({ id: d.id, name: d.name, kind: "department" as const, depth: 0 })),
    ...teams,
  ];
  const groupsOfPair = new Map(
    invitedPairs.map((p) => [p.assessmentId, [orgGroup, ...(p.departmentId ? [p.departmentId] : []), ...chainOf(p.managerId).map(teamGroupId)]] as const),
  );
  const invited: InvitedPair[] = invitedPairs.map((p) => ({ assessmentId: p.assessmentId, reportId: p.reportId, groupIds: groupsOfPair.get(p.assessmentId) ?? [] }));
  const responseRows: ResponseRow[] = rows.map((r) => ({ ...r, groupIds: groupsOfPair.get(r.assessmentId) ?? [orgGroup] }));
  return { bankVersion: cycle.bankVersion, groups, invited, rows: responseRows, k };
}

/**
 * Whether a group id can name a group of this organization: the org itself, one of its
 * departments, or the team of one of its people. Checked before any figures are computed, so
 * an id from elsewhere is "not found" at the cost of one lookup and changes nothing.
 */
export async function groupMayExist(db: Db, orgId: string, groupId: string): Promise<boolean> {
  if (groupId.startsWith("org:")) return groupId === orgGroupId(orgId);
  if (groupId.startsWith("team:")) {
    const [person] = await db.select({ id: people.id }).from(people).where(and(eq(people.orgId, orgId), eq(people.id, groupId.slice("team:".length))));
    return person !== undefined;
  }
  const [department] = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, groupId)));
  return department !== undefined;
}
