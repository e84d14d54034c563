import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycleGroupSnapshots, cycles, departments, organizations, pairs, people, responses, trendSnapshots } from "@/db/schema";
import { minGroupSizeOf } from "@/server/access/aggregates";
import type { GroupDef, InvitedPair, ResponseRow } from "./compute";

// What a cycle's trend figures are computed from. Its groups (who counts in the org, each
// department and each team, and their names) are frozen in the transaction that opens the
// cycle; the answers are the submitted responses. Nothing done to people, departments or
// reporting lines afterwards changes either (PRODUCT.md §5 rule 5).

const report = alias(people, "report");

/** Cycles that have opened (or one of them), oldest first, with what the trends pages show of them. */
export async function openedCycles(db: Db, orgId: string, cycleId?: string) {
  return db
    .select({
      id: cycles.id,
      name: cycles.name,
      opensOn: cycles.opensOn,
      closesOn: cycles.closesOn,
      openedAt: cycles.openedAt,
      closedAt: cycles.closedAt,
      status: cycles.status,
      bankVersion: cycles.bankVersion,
      minGroupSize: cycles.minGroupSize,
      /** When its figures were first published, null until then (never while it is open). */
      publishedAt: trendSnapshots.publishedAt,
    })
    .from(cycles)
    .leftJoin(trendSnapshots, and(eq(trendSnapshots.orgId, cycles.orgId), eq(trendSnapshots.cycleId, cycles.id)))
    .where(and(eq(cycles.orgId, orgId), ne(cycles.status, "draft"), ...(cycleId ? [eq(cycles.id, cycleId)] : [])))
    .orderBy(asc(cycles.opensOn), asc(cycles.createdAt));
}

export type OpenedCycle = Awaited<ReturnType<typeof openedCycles>>[number];

export const orgGroupId = (orgId: string) => `org:${orgId}`;
const teamGroupId = (managerId: string) => `team:${managerId}`;

/** A cycle's frozen groups: `memberships` gives, per assessment, positions in `groups`. */
export interface FrozenGroups {
  groups: GroupDef[];
  memberships: [assessmentId: string, groupPositions: number[]][];
}

/**
 * The teams of a cycle. The team of manager M is every pair of the cycle whose report is in M's
 * subtree: the pairs M manages, and those of everyone below M, directly or not, by the
 * reporting lines open at `at`. Returns the teams, depth first, and `up`: per manager of a
 * team, the next manager above them in their reporting line, undefined at its top.
 */
async function teamsOf(db: Db, orgId: string, at: Date, invited: readonly { managerId: string }[]) {
  const lines = await db
    .select({ managerId: pairs.managerId, reportId: pairs.reportId })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), lte(pairs.startedAt, at), or(isNull(pairs.endedAt), gt(pairs.endedAt, at))));
  const managerOf = new Map(lines.map((l) => [l.reportId, l.managerId]));
  // Each reporting line is walked once, from the first pair that reaches it up to a manager
  // already seen: a 1,000-level line costs 1,000 steps, not 1,000², and no line is copied.
  const up = new Map<string, string | undefined>();
  for (const p of invited) {
    if (up.has(p.managerId)) continue;
    const walked: string[] = [];
    const onPath = new Set<string>();
    let m: string | undefined = p.managerId;
    while (m !== undefined && !up.has(m)) {
      // Lines at one moment form a tree (setManager refuses loops); the guard only stops a bad
      // row: the line then ends at the last manager before the loop closes.
      if (onPath.has(m)) {
        m = undefined;
        break;
      }
      onPath.add(m);
      walked.push(m);
      m = managerOf.get(m);
    }
    walked.forEach((w, i) => up.set(w, walked[i + 1] ?? m));
  }
  const managers = [...up.keys()];
  const names = new Map<string, string>();
  for (let i = 0; i < managers.length; i += 1000) {
    const rows = await db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(and(eq(people.orgId, orgId), inArray(people.id, managers.slice(i, i + 1000))));
    for (const r of rows) names.set(r.id, r.name);
  }
  // Depth-first, siblings by name: a team is listed right after the team it is part of.
  const collator = new Intl.Collator("en");
  const children = new Map<string | undefined, string[]>();
  for (const m of managers) {
    const parent = up.get(m);
    const siblings = children.get(parent);
    if (siblings) siblings.push(m);
    else children.set(parent, [m]);
  }
  const teams: GroupDef[] = [];
  const push = (parent: string | undefined, depth: number) => {
    const below = (children.get(parent) ?? []).sort((a, b) => collator.compare(names.get(a) ?? "", names.get(b) ?? "") || (a < b ? -1 : 1));
    return below.map((m) => ({ m, depth }));
  };
  // Iterative, so a deep reporting line cannot overflow the stack.
  const pending = push(undefined, 0).reverse();
  while (pending.length > 0) {
    const { m, depth } = pending.pop()!;
    teams.push({ id: teamGroupId(m), name: `Team of ${names.get(m) ?? "a former manager"}`, kind: "team", depth });
    pending.push(...push(m, depth + 1).reverse());
  }
  return { teams, up };
}

/**
 * The cycle's groups as they stand at `at` (reporting lines) and now (departments, names): what
 * `freezeCycleGroups` stores. Only departments that hold one of the cycle's reports are groups
 * of the cycle, so a cycle over two departments lists those two.
 */
async function currentGroupsOf(db: Db, orgId: string, cycleId: string, at: Date): Promise<FrozenGroups> {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  const invited = await db
    .select({ assessmentId: assessments.id, managerId: pairs.managerId, departmentId: report.departmentId })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.cycleId, cycleId)));
  const used = [...new Set(invited.flatMap((p) => (p.departmentId ? [p.departmentId] : [])))];
  const depts = used.length
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.orgId, orgId), inArray(departments.id, used)))
        .orderBy(asc(departments.name))
    : [];
  const { teams, up } = await teamsOf(db, orgId, at, invited);
  const groups: GroupDef[] = [
    { id: orgGroupId(orgId), name: org?.name ?? "Organization", kind: "org", depth: 0 },
    ...depts.map((d) => ({ id: d.id, name: d.name, kind: "department" as const, depth: 0 })),
    ...teams,
  ];
  const position = new Map(groups.map((g, i) => [g.id, i]));
  // Per manager, the positions of the teams of their reporting line from theirs up, each made
  // from the one above (so by number, never by building and looking up one id per step).
  const lineOf = new Map<string, number[]>();
  const teamLine = (managerId: string): number[] => {
    const below: string[] = [];
    let m: string | undefined = managerId;
    while (m !== undefined && !lineOf.has(m)) {
      below.push(m);
      m = up.get(m);
    }
    let line = m === undefined ? [] : lineOf.get(m)!;
    for (let i = below.length - 1; i >= 0; i--) {
      line = [position.get(teamGroupId(below[i]!)) ?? 0].concat(line);
      lineOf.set(below[i]!, line);
    }
    return line;
  };
  const orgPosition = position.get(orgGroupId(orgId)) ?? 0;
  const memberships = invited.map((p): [string, number[]] => [
    p.assessmentId,
    (p.departmentId ? [orgPosition, position.get(p.departmentId) ?? 0] : [orgPosition]).concat(teamLine(p.managerId)),
  ]);
  return { groups, memberships };
}

/**
 * Freezes the cycle's groups: called in the transaction that opens it, after its assessments
 * are created, with the moment it opened. A second call keeps the first.
 */
export async function freezeCycleGroups(db: Db, orgId: string, cycleId: string, at: Date): Promise<void> {
  const frozen = await currentGroupsOf(db, orgId, cycleId, at);
  await db.insert(cycleGroupSnapshots).values({ cycleId, orgId, groups: frozen.groups, memberships: frozen.memberships }).onConflictDoNothing();
}

/**
 * The cycle's frozen groups. A cycle opened before groups were frozen (or written straight to
 * the database) has none: they are frozen now, with the reporting lines of its opening moment
 * and the departments of today, and never change again.
 */
async function frozenGroupsOf(db: Db, orgId: string, cycle: OpenedCycle): Promise<FrozenGroups> {
  const read = () =>
    db
      .select({ groups: cycleGroupSnapshots.groups, memberships: cycleGroupSnapshots.memberships })
      .from(cycleGroupSnapshots)
      .where(and(eq(cycleGroupSnapshots.orgId, orgId), eq(cycleGroupSnapshots.cycleId, cycle.id)));
  let [row] = await read();
  if (!row) {
    await freezeCycleGroups(db, orgId, cycle.id, cycle.openedAt ?? new Date(`${cycle.opensOn}T00:00:00Z`));
    [row] = await read();
  }
  return { groups: (row?.groups ?? []) as GroupDef[], memberships: (row?.memberships ?? []) as FrozenGroups["memberships"] };
}

export interface CycleInputs {
  bankVersion: number;
  groups: GroupDef[];
  invited: InvitedPair[];
  rows: ResponseRow[];
  k: number;
}

export async function loadCycleInputs(db: Db, orgId: string, cycle: OpenedCycle): Promise<CycleInputs> {
  const [org] = await db.select({ k: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, orgId));
  const k = minGroupSizeOf(cycle.minGroupSize, org?.k);
  const frozen = await frozenGroupsOf(db, orgId, cycle);
  const invitedPairs = await db
    .select({ assessmentId: assessments.id, pairId: assessments.pairId, reportId: pairs.reportId })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.cycleId, cycle.id)));
  // Submitted responses count in trends whether or not the pair's results were revealed.
  const rows = await db
    .select({
      assessmentId: responses.assessmentId,
      pairId: assessments.pairId,
      side: responses.side,
      respondentId: responses.respondentId,
      answers: responses.answers,
    })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(
      and(
        eq(responses.orgId, orgId),
        eq(assessments.cycleId, cycle.id),
        isNotNull(responses.submittedAt),
        // A closed cycle's answers are those submitted by its close, whatever is written later.
        cycle.closedAt ? lte(responses.submittedAt, cycle.closedAt) : undefined,
      ),
    );
  const orgGroup = orgGroupId(orgId);
  const groupsOf = new Map(frozen.memberships.map(([assessmentId, positions]) => [assessmentId, positions.map((i) => frozen.groups[i]?.id ?? orgGroup)]));
  // An assessment missing from the frozen groups (none should be) counts in the org alone.
  const invited: InvitedPair[] = invitedPairs.map((p) => ({ ...p, groupIds: groupsOf.get(p.assessmentId) ?? [orgGroup] }));
  const responseRows: ResponseRow[] = rows.map((r) => ({ ...r, groupIds: groupsOf.get(r.assessmentId) ?? [orgGroup] }));
  return { bankVersion: cycle.bankVersion, groups: frozen.groups, invited, rows: responseRows, k };
}

/** Whether a group id has the shape of a group of this organization (a cheap check before any read). */
export async function groupMayExist(db: Db, orgId: string, groupId: string): Promise<boolean> {
  if (groupId.startsWith("org:")) return groupId === orgGroupId(orgId);
  if (groupId.startsWith("team:")) {
    const [person] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.id, groupId.slice("team:".length))));
    return person !== undefined;
  }
  const [department] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.id, groupId)));
  return department !== undefined;
}
