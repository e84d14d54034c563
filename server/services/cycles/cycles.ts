import { and, count, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycleDepartments, cycles, departments, organizations, pairs, people, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { CURRENT_BANK_VERSION } from "@/server/assessment/item-bank";
import { assessmentReadyMail, assessmentReminderMail } from "@/server/services/assessments/notifications";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/services/errors";
import { enqueueMails, type QueuedMail } from "@/server/jobs/mail";
import { wakeSender } from "@/server/jobs/wake";
import { recordAudit } from "@/server/services/audit/audit";

// HR-run assessment cycles. Callers are org admins (checked by the procedure tier); every
// query is scoped to the actor's organization.

export interface CreateCycleInput {
  name: string;
  opensOn: string;
  closesOn: string;
  /** null: every pair of the organization. */
  departmentIds: string[] | null;
}

export async function createCycle(db: Db, actor: Actor, input: CreateCycleInput) {
  if (input.closesOn < input.opensOn) throw new InvalidInputError("The close date must be on or after the open date.");
  const departmentIds = input.departmentIds ? [...new Set(input.departmentIds)] : null;
  if (departmentIds && departmentIds.length === 0) throw new InvalidInputError("Choose at least one department, or all pairs.");
  return db.transaction(async (tx) => {
    if (departmentIds) {
      const found = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.orgId, actor.orgId), inArray(departments.id, departmentIds)));
      if (found.length !== departmentIds.length) throw new NotFoundError("Department not found");
    }
    const [cycle] = await tx
      .insert(cycles)
      .values({
        orgId: actor.orgId,
        name: input.name,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        allDepartments: departmentIds === null,
        bankVersion: CURRENT_BANK_VERSION,
        createdById: actor.personId,
      })
      .returning({ id: cycles.id });
    if (departmentIds) {
      await tx.insert(cycleDepartments).values(departmentIds.map((departmentId) => ({ orgId: actor.orgId, cycleId: cycle!.id, departmentId })));
    }
    await recordAudit(tx, actor, "cycle.created", { cycleId: cycle!.id, name: input.name, departments: departmentIds?.length ?? null });
    return { cycleId: cycle!.id };
  });
}

async function requireCycle(db: Db, actor: Actor, cycleId: string, lock = false) {
  const query = db.select().from(cycles).where(and(eq(cycles.orgId, actor.orgId), eq(cycles.id, cycleId)));
  const [cycle] = lock ? await query.for("update") : await query;
  if (!cycle) throw new NotFoundError();
  return cycle;
}

const report = alias(people, "report");
const manager = alias(people, "manager");

/**
 * Opens a draft cycle: one assessment per active pair in scope (the report's department
 * decides), with a response per side, and the organization's anonymity threshold fixed for
 * the cycle. Everyone invited gets an email, queued with the cycle's opening and sent by the
 * worker at the organization's mail rate (server/jobs/mail.ts).
 */
export async function openCycle(db: Db, actor: Actor, input: { cycleId: string }) {
  const created = await db.transaction(async (tx) => {
    const cycle = await requireCycle(tx, actor, input.cycleId, true);
    if (cycle.status !== "draft") throw new ConflictError(cycle.status === "open" ? "This cycle is already open." : "This cycle is closed.");
    const [org] = await tx.select({ minGroupSize: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, actor.orgId));

    const scope = cycle.allDepartments
      ? undefined
      : inArray(
          report.departmentId,
          tx.select({ id: cycleDepartments.departmentId }).from(cycleDepartments).where(and(eq(cycleDepartments.orgId, actor.orgId), eq(cycleDepartments.cycleId, cycle.id))),
        );
    const inScope = await tx
      .select({
        pairId: pairs.id,
        managerId: pairs.managerId,
        reportId: pairs.reportId,
        managerName: manager.name,
        managerEmail: manager.email,
        reportName: report.name,
        reportEmail: report.email,
      })
      .from(pairs)
      .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
      .innerJoin(manager, and(eq(manager.orgId, pairs.orgId), eq(manager.id, pairs.managerId)))
      .where(and(eq(pairs.orgId, actor.orgId), isNull(pairs.endedAt), isNull(report.deactivatedAt), isNull(manager.deactivatedAt), scope));

    await tx
      .update(cycles)
      .set({ status: "open", openedAt: sql`now()`, minGroupSize: org?.minGroupSize ?? 5 })
      .where(and(eq(cycles.orgId, actor.orgId), eq(cycles.id, cycle.id)));

    const mails: QueuedMail[] = [];
    // Bulk insert in chunks: a large organization opens thousands of pairs at once.
    for (let i = 0; i < inScope.length; i += 500) {
      const chunk = inScope.slice(i, i + 500);
      const rows = await tx
        .insert(assessments)
        .values(chunk.map((p) => ({ orgId: actor.orgId, pairId: p.pairId, kind: "cycle" as const, cycleId: cycle.id, bankVersion: cycle.bankVersion, dueOn: cycle.closesOn })))
        .returning({ id: assessments.id, pairId: assessments.pairId });
      const byPair = new Map(rows.map((r) => [r.pairId, r.id]));
      await tx.insert(responses).values(
        chunk.flatMap((p) => [
          { orgId: actor.orgId, assessmentId: byPair.get(p.pairId)!, side: "manager" as const, respondentId: p.managerId },
          { orgId: actor.orgId, assessmentId: byPair.get(p.pairId)!, side: "employee" as const, respondentId: p.reportId },
        ]),
      );
      for (const p of chunk) {
        const id = byPair.get(p.pairId)!;
        mails.push(
          { key: `cycle-open:${id}:manager`, mail: assessmentReadyMail(p.managerEmail, p.reportName, id, cycle.closesOn) },
          { key: `cycle-open:${id}:employee`, mail: assessmentReadyMail(p.reportEmail, p.managerName, id, cycle.closesOn) },
        );
      }
    }
    await enqueueMails(tx, actor.orgId, mails, new Date());
    await recordAudit(tx, actor, "cycle.opened", { cycleId: cycle.id, name: cycle.name, pairs: inScope.length, minGroupSize: org?.minGroupSize ?? 5 });
    return inScope.length;
  });
  wakeSender();
  return { pairs: created };
}

/**
 * Closes an open cycle. Assessments where one side never submitted are closed unrevealed:
 * nothing is shown to anyone, and the submitted side's answers stay private.
 */
export async function closeCycle(db: Db, actor: Actor, input: { cycleId: string }) {
  return db.transaction(async (tx) => {
    const cycle = await requireCycle(tx, actor, input.cycleId, true);
    if (cycle.status !== "open") throw new ConflictError(cycle.status === "draft" ? "This cycle has not been opened." : "This cycle is already closed.");
    await tx.update(cycles).set({ status: "closed", closedAt: sql`now()` }).where(and(eq(cycles.orgId, actor.orgId), eq(cycles.id, cycle.id)));
    await tx
      .update(assessments)
      .set({ closedAt: sql`now()` })
      .where(and(eq(assessments.orgId, actor.orgId), eq(assessments.cycleId, cycle.id), isNull(assessments.revealedAt)));
    await recordAudit(tx, actor, "cycle.closed", { cycleId: cycle.id, name: cycle.name });
    // No count of unrevealed pairs: with the invited count it would give a count below k.
    return { closed: true };
  });
}

const respondent = alias(people, "respondent");
const counterpart = alias(people, "counterpart");
const otherResponse = alias(responses, "other_response");

/** At most one reminder round per cycle in this window, so people are not nagged. */
export const REMINDER_INTERVAL = { limit: 1, windowSeconds: 12 * 60 * 60 };

/**
 * Emails everyone in an open cycle who has not submitted their side. HR learns neither who
 * nor how many: the answer is the same whoever is reminded. The emails are queued (sent at the
 * organization's mail rate); one whose side is submitted before it goes out is dropped.
 */
export async function remindCycle(db: Db, actor: Actor, input: { cycleId: string }) {
  await db.transaction(async (tx) => {
    const cycle = await requireCycle(tx, actor, input.cycleId, true);
    if (cycle.status !== "open") throw new ConflictError("Only an open cycle can send reminders.");
    const limit = await hitRateLimit(tx, `cycle-remind:${cycle.id}`, REMINDER_INTERVAL);
    if (!limit.allowed) {
      throw new ConflictError(`Reminders for this cycle went out recently. You can send the next round in ${Math.ceil(limit.retryAfterSeconds / 3600)} hours.`);
    }
    const pending = await tx
      .select({ assessmentId: assessments.id, side: responses.side, email: respondent.email, otherName: counterpart.name })
      .from(responses)
      .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
      .innerJoin(otherResponse, and(eq(otherResponse.orgId, responses.orgId), eq(otherResponse.assessmentId, responses.assessmentId), ne(otherResponse.side, responses.side)))
      .innerJoin(respondent, and(eq(respondent.orgId, responses.orgId), eq(respondent.id, responses.respondentId)))
      .innerJoin(counterpart, and(eq(counterpart.orgId, otherResponse.orgId), eq(counterpart.id, otherResponse.respondentId)))
      .where(
        and(
          eq(responses.orgId, actor.orgId),
          eq(assessments.cycleId, cycle.id),
          isNull(responses.submittedAt),
          isNull(assessments.closedAt),
          isNull(assessments.revealedAt),
          isNull(respondent.deactivatedAt),
        ),
      );
    await recordAudit(tx, actor, "cycle.reminded", { cycleId: cycle.id, name: cycle.name });
    // One round per REMINDER_INTERVAL: the round's time tells its emails from the next round's.
    const now = new Date();
    await enqueueMails(
      tx,
      actor.orgId,
      pending.map((p) => ({
        key: `cycle-reminder:${p.assessmentId}:${p.side}:${now.toISOString()}`,
        mail: assessmentReminderMail(p.email, p.otherName, p.assessmentId, cycle.closesOn),
        whileUnsubmitted: { assessmentId: p.assessmentId, side: p.side },
      })),
      now,
    );
  });
  wakeSender();
  return { sent: true };
}

const employeeSide = alias(responses, "employee_side");
const managerSide = alias(responses, "manager_side");

/**
 * The organization's cycles with participation counts. Counts only: HR never learns who has
 * or hasn't answered.
 */
export async function listCycles(db: Db, actor: Actor) {
  const list = await db
    .select({
      id: cycles.id,
      name: cycles.name,
      opensOn: cycles.opensOn,
      closesOn: cycles.closesOn,
      status: cycles.status,
      allDepartments: cycles.allDepartments,
      minGroupSize: cycles.minGroupSize,
      openedAt: cycles.openedAt,
      closedAt: cycles.closedAt,
      createdAt: cycles.createdAt,
    })
    .from(cycles)
    .where(eq(cycles.orgId, actor.orgId))
    .orderBy(desc(cycles.createdAt));
  if (list.length === 0) return [];
  const ids = list.map((c) => c.id);

  const participation = await db
    .select({
      cycleId: assessments.cycleId,
      pairs: count(),
      employeeSubmitted: sql<number>`count(${employeeSide.submittedAt})::int`,
      managerSubmitted: sql<number>`count(${managerSide.submittedAt})::int`,
      complete: sql<number>`count(${assessments.revealedAt})::int`,
    })
    .from(assessments)
    .innerJoin(employeeSide, and(eq(employeeSide.orgId, assessments.orgId), eq(employeeSide.assessmentId, assessments.id), eq(employeeSide.side, "employee")))
    .innerJoin(managerSide, and(eq(managerSide.orgId, assessments.orgId), eq(managerSide.assessmentId, assessments.id), eq(managerSide.side, "manager")))
    .where(and(eq(assessments.orgId, actor.orgId), inArray(assessments.cycleId, ids)))
    .groupBy(assessments.cycleId);

  const scopes = await db
    .select({ cycleId: cycleDepartments.cycleId, name: departments.name })
    .from(cycleDepartments)
    .innerJoin(departments, and(eq(departments.orgId, cycleDepartments.orgId), eq(departments.id, cycleDepartments.departmentId)))
    .where(and(eq(cycleDepartments.orgId, actor.orgId), inArray(cycleDepartments.cycleId, ids)));

  const [org] = await db.select({ k: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, actor.orgId));
  return list.map((c) => {
    const p = participation.find((x) => x.cycleId === c.id);
    // A count is a figure like any other (PRODUCT.md §5): below k it could say who answered,
    // e.g. "managers submitted: 1" in a cycle over one small team. Null means "fewer than k".
    const k = c.minGroupSize ?? org?.k ?? 5;
    const atLeastK = (n: number) => (n >= k ? n : null);
    return {
      ...c,
      departments: scopes.filter((s) => s.cycleId === c.id).map((s) => s.name).sort(),
      participation: {
        pairs: atLeastK(p?.pairs ?? 0),
        employeeSubmitted: atLeastK(p?.employeeSubmitted ?? 0),
        managerSubmitted: atLeastK(p?.managerSubmitted ?? 0),
        complete: atLeastK(p?.complete ?? 0),
      },
    };
  });
}

/** Departments of the actor's organization, for choosing a cycle's scope. */
export function listDepartments(db: Db, actor: Actor) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, actor.orgId)).orderBy(departments.name);
}
