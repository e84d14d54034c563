import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { assessments, cycleDepartments, cycles, departments, organizations, pairs, people, responses } from "@/db/schema";
import type { Actor, SystemActor } from "@/server/access/actor";
import { CURRENT_BANK_VERSION } from "@/server/assessments/item-bank";
import { assessmentReadyMail, assessmentReminderMail } from "@/server/assessments/notifications";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { enqueueMails, type QueuedMail } from "@/server/jobs/mail";
import { wakeSender } from "@/server/jobs/wake";
import { recordAudit } from "@/server/audit/audit";
import { groupFiguresAcross } from "@/server/trends/stored-figures";
import { freezeCycleGroups, orgGroupId } from "@/server/trends/inputs";
import { minGroupSizeOf, type Participation } from "@/server/access/aggregates";
import { openParticipation } from "./participation";
import { cycleTimes, localToday } from "./calendar";

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

async function requireCycle(db: Db, actor: Pick<Actor, "orgId">, cycleId: string, lock = false) {
  const query = db
    .select()
    .from(cycles)
    .where(and(eq(cycles.orgId, actor.orgId), eq(cycles.id, cycleId)));
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
 * worker at the organization's mail rate (server/jobs/mail.ts). HR's button, or Tandem on the
 * open date (a SystemActor, from ./schedule.ts): the same steps either way.
 */
export async function openCycle(db: Db, actor: Actor | SystemActor, input: { cycleId: string }) {
  const created = await db.transaction(async (tx) => {
    const cycle = await requireCycle(tx, actor, input.cycleId, true);
    if (cycle.status !== "draft") throw new ConflictError(cycle.status === "open" ? "This cycle is already open." : "This cycle is closed.");
    const [org] = await tx.select({ minGroupSize: organizations.minGroupSize }).from(organizations).where(eq(organizations.id, actor.orgId));

    const scope = cycle.allDepartments
      ? undefined
      : inArray(
          report.departmentId,
          tx
            .select({ id: cycleDepartments.departmentId })
            .from(cycleDepartments)
            .where(and(eq(cycleDepartments.orgId, actor.orgId), eq(cycleDepartments.cycleId, cycle.id))),
        );
    const inScope = await tx
      .select({
        pairId: pairs.id,
        managerId: pairs.managerId,
        reportId: pairs.reportId,
        managerName: manager.name,
        managerGivenName: manager.givenName,
        managerEmail: manager.email,
        reportName: report.name,
        reportGivenName: report.givenName,
        reportEmail: report.email,
      })
      .from(pairs)
      .innerJoin(report, and(eq(report.orgId, pairs.orgId), eq(report.id, pairs.reportId)))
      .innerJoin(manager, and(eq(manager.orgId, pairs.orgId), eq(manager.id, pairs.managerId)))
      .where(and(eq(pairs.orgId, actor.orgId), isNull(pairs.endedAt), isNull(report.deactivatedAt), isNull(manager.deactivatedAt), scope));

    // Fixed for the cycle from now on, whatever the organization sets later.
    const minGroupSize = minGroupSizeOf(null, org?.minGroupSize);
    const [opened] = await tx
      .update(cycles)
      .set({ status: "open", openedAt: sql`now()`, minGroupSize })
      .where(and(eq(cycles.orgId, actor.orgId), eq(cycles.id, cycle.id)))
      .returning({ openedAt: cycles.openedAt });

    const mails: QueuedMail[] = [];
    // Bulk insert in chunks: a large organization opens thousands of pairs at once.
    for (let i = 0; i < inScope.length; i += 500) {
      const chunk = inScope.slice(i, i + 500);
      const rows = await tx
        .insert(assessments)
        .values(
          chunk.map((p) => ({
            orgId: actor.orgId,
            pairId: p.pairId,
            kind: "cycle" as const,
            cycleId: cycle.id,
            bankVersion: cycle.bankVersion,
            dueOn: cycle.closesOn,
          })),
        )
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
          {
            key: `cycle-open:${id}:manager`,
            mail: assessmentReadyMail(p.managerEmail, { name: p.reportName, givenName: p.reportGivenName }, id, cycle.closesOn),
          },
          {
            key: `cycle-open:${id}:employee`,
            mail: assessmentReadyMail(p.reportEmail, { name: p.managerName, givenName: p.managerGivenName }, id, cycle.closesOn),
          },
        );
      }
    }
    // Who counts in which group for this cycle, from now on whatever changes (PRODUCT.md §5 rule 5).
    await freezeCycleGroups(tx, actor.orgId, cycle.id, opened?.openedAt ?? new Date());
    await enqueueMails(tx, actor.orgId, mails, new Date());
    await recordAudit(tx, actor, "cycle.opened", { cycleId: cycle.id, name: cycle.name, pairs: inScope.length, minGroupSize });
    return inScope.length;
  });
  wakeSender();
  return { pairs: created };
}

/**
 * Closes an open cycle. Assessments where one side never submitted are closed unrevealed:
 * nothing is shown to anyone, and the submitted side's answers stay private. HR's button, or
 * Tandem at the end of the close date (a SystemActor, from ./schedule.ts).
 */
export async function closeCycle(db: Db, actor: Actor | SystemActor, input: { cycleId: string }) {
  return db.transaction(async (tx) => {
    const cycle = await requireCycle(tx, actor, input.cycleId, true);
    if (cycle.status !== "open") throw new ConflictError(cycle.status === "draft" ? "This cycle has not been opened." : "This cycle is already closed.");
    await tx
      .update(cycles)
      .set({ status: "closed", closedAt: sql`now()` })
      .where(and(eq(cycles.orgId, actor.orgId), eq(cycles.id, cycle.id)));
    await tx
      .update(assessments)
      .set({ closedAt: sql`now()` })
      .where(and(eq(assessments.orgId, actor.orgId), eq(assessments.cycleId, cycle.id), isNull(assessments.revealedAt)));
    await recordAudit(tx, actor, "cycle.closed", { cycleId: cycle.id, name: cycle.name });
    // No count of unrevealed pairs: with the invited count it would give a count below k. The
    // figures are published by the worker (publishDueFigures), never inside this request.
    return { closed: true };
  });
}

const respondent = alias(people, "respondent");
const counterpart = alias(people, "counterpart");
const otherResponse = alias(responses, "other_response");

/**
 * Everyone in the cycle whose side is still unsubmitted (assessment neither closed nor revealed,
 * person active): one row per side, so a manager with two pending pairs gets two reminders.
 * HR's reminder and the automatic one (./schedule.ts) both send to exactly these.
 */
export function cycleReminderRecipients(db: Db, orgId: string, cycleId: string) {
  return db
    .select({
      responseId: responses.id,
      assessmentId: assessments.id,
      side: responses.side,
      email: respondent.email,
      other: { name: counterpart.name, givenName: counterpart.givenName },
    })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .innerJoin(
      otherResponse,
      and(eq(otherResponse.orgId, responses.orgId), eq(otherResponse.assessmentId, responses.assessmentId), ne(otherResponse.side, responses.side)),
    )
    .innerJoin(respondent, and(eq(respondent.orgId, responses.orgId), eq(respondent.id, responses.respondentId)))
    .innerJoin(counterpart, and(eq(counterpart.orgId, otherResponse.orgId), eq(counterpart.id, otherResponse.respondentId)))
    .where(
      and(
        eq(responses.orgId, orgId),
        eq(assessments.cycleId, cycleId),
        isNull(responses.submittedAt),
        isNull(assessments.closedAt),
        isNull(assessments.revealedAt),
        isNull(respondent.deactivatedAt),
      ),
    )
    .orderBy(responses.id);
}

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
    const pending = await cycleReminderRecipients(tx, actor.orgId, cycle.id);
    await recordAudit(tx, actor, "cycle.reminded", { cycleId: cycle.id, name: cycle.name });
    // One round per REMINDER_INTERVAL: the round's time tells its emails from the next round's.
    const now = new Date();
    await enqueueMails(
      tx,
      actor.orgId,
      pending.map((p) => ({
        key: `cycle-reminder:${p.assessmentId}:${p.side}:${now.toISOString()}`,
        mail: assessmentReminderMail(p.email, p.other, p.assessmentId, cycle.closesOn),
        whileUnsubmitted: { assessmentId: p.assessmentId, side: p.side },
      })),
      now,
    );
  });
  wakeSender();
  return { sent: true };
}

/**
 * The organization's cycles with participation: for an open cycle, as a whole and counted in
 * people (`openParticipation`); for a closed one, the organization's participation in its
 * published figures, so the count beside a figure counts the same people as the figure. HR
 * never learns who has or hasn't answered.
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
      bankVersion: cycles.bankVersion,
      openedAt: cycles.openedAt,
      closedAt: cycles.closedAt,
      autoRemindedAt: cycles.autoRemindedAt,
      createdAt: cycles.createdAt,
    })
    .from(cycles)
    .where(eq(cycles.orgId, actor.orgId))
    .orderBy(desc(cycles.createdAt));
  if (list.length === 0) return [];
  const ids = list.map((c) => c.id);

  const scopes = await db
    .select({ cycleId: cycleDepartments.cycleId, name: departments.name })
    .from(cycleDepartments)
    .innerJoin(departments, and(eq(departments.orgId, cycleDepartments.orgId), eq(departments.id, cycleDepartments.departmentId)))
    .where(and(eq(cycleDepartments.orgId, actor.orgId), inArray(cycleDepartments.cycleId, ids)));

  const [org] = await db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, actor.orgId));
  const open = await openParticipation(
    db,
    actor,
    list.filter((c) => c.status === "open").map((c) => c.id),
  );
  // One stored row per closed cycle: the organization's group.
  const closed = list.filter((c) => c.status === "closed");
  const orgFigures = await groupFiguresAcross(db, actor.orgId, closed, orgGroupId(actor.orgId));
  const published = new Map<string, Participation | null>(closed.map((c, i) => [c.id, orgFigures[i]?.participation ?? null]));
  return list.map(({ bankVersion: _bank, autoRemindedAt, ...c }) => ({
    ...c,
    departments: scopes
      .filter((s) => s.cycleId === c.id)
      .map((s) => s.name)
      .sort(),
    // When Tandem opens, reminds and closes it by itself (./schedule.ts): dates, never counts.
    automatic: { ...cycleTimes(c, org?.timeZone ?? "UTC"), remindedAt: autoRemindedAt },
    /** Null for a draft, and for a closed cycle whose figures are being prepared. */
    participation: c.status === "open" ? (open.get(c.id) ?? null) : c.status === "closed" ? (published.get(c.id) ?? null) : null,
  }));
}

/** The organization's time zone, in which cycle dates are days, and today's date there (for the new-cycle form). */
export async function cycleCalendar(db: Db, actor: Actor, now: Date = new Date()) {
  const [org] = await db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, actor.orgId));
  const timeZone = org?.timeZone ?? "UTC";
  return { timeZone, today: localToday(now, timeZone) };
}

/** Departments of the actor's organization, for choosing a cycle's scope. */
export function listDepartments(db: Db, actor: Actor) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, actor.orgId)).orderBy(departments.name);
}
