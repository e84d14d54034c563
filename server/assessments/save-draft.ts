import { and, eq, isNull, or, sql } from "drizzle-orm";
import { builtOnce } from "@/db/built-once";
import type { Db } from "@/db/client";
import { assessments, cycles, pairs, responses } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireAssessmentParticipant } from "@/server/access/assessments";
import { AnswerError, validateChanges, type AnswerValue } from "@/server/assessments/answers";
import { CURRENT_BANK_VERSION, getItemBank } from "@/server/assessments/item-bank";
import { assessmentIsOpen } from "@/server/assessments/state";
import { ConflictError, InvalidInputError } from "@/server/errors";
import { loadAssessmentRecord } from "./load";

/**
 * Saves changed answers into the respondent's draft. Changes are per question, so two tabs or
 * devices saving different questions never undo each other; the same question saved twice
 * keeps the latest. Refused once the response is submitted or the assessment closed.
 *
 * One statement on the way that succeeds, committed on its own (autosave runs every few seconds
 * while someone answers): the access check, the state check and the write, under the lock
 * protocol of server/access/assessments.ts. The assessment row is taken FOR SHARE (both sides'
 * saves run side by side; a submit or a close, which take it FOR UPDATE or update it, wait for
 * the save or are waited for, and the state is read from the row as it is after the wait). The changes
 * are applied to the stored answers inside the UPDATE, so two saves of one person are ordered
 * by the row lock and each applies its own questions to what the other wrote. When it writes
 * nothing, the checks run again one by one to say why (not found, submitted, closed, invalid).
 */
export async function saveDraft(db: Db, actor: Actor, input: { assessmentId: string; changes: Record<string, unknown> }) {
  const accepted = changesPerBankVersion(input.changes);
  if (accepted.length > 0) {
    const { changes } = accepted[0]!;
    // Only the versions that read the changes the same way: the statement applies one reading.
    const versions = accepted.filter((a) => JSON.stringify(a.changes) === JSON.stringify(changes)).map((a) => a.version);
    // No BEGIN and COMMIT around it: two more round trips on every autosave. The driver settles a
    // statement at ReadyForQuery, which Postgres sends after the implicit commit, so a reply lost
    // on the way fails the save (the browser sends it again, and the same changes applied twice
    // leave the same draft) rather than passing for one that never happened.
    const cleared = (value: AnswerValue | null) => value === null || value === "";
    const [saved] = await saveStatement(db).execute({
      orgId: actor.orgId,
      personId: actor.personId,
      assessmentId: input.assessmentId,
      versions: JSON.stringify(versions),
      removed: JSON.stringify(Object.keys(changes).filter((key) => cleared(changes[key]!))),
      set: JSON.stringify(Object.fromEntries(Object.entries(changes).filter(([, value]) => !cleared(value)))),
    });
    if (saved) return saved;
  }
  return explainRefusal(db, actor, input);
}

/**
 * The save, built once per database (db/built-once.ts): the caller's response of the assessment,
 * found and locked as the access rules say, gets the changes applied to its stored answers, as
 * applyChanges (./answers.ts) does: `removed` (a JSON array of keys, the questions cleared by a
 * null or empty answer) taken out, then `set` (a JSON object) merged in. `versions` is a JSON
 * array of the item bank versions that read the changes this way.
 */
const saveStatement = builtOnce((db) => {
  const personId = sql.placeholder("personId");
  const draft = db.$with("draft").as(
    db
      .select({ responseId: sql<string>`${responses.id}`.as("response_id") })
      .from(assessments)
      .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
      .innerJoin(
        responses,
        and(
          eq(responses.orgId, assessments.orgId),
          eq(responses.assessmentId, assessments.id),
          eq(responses.side, sql`case when ${pairs.managerId} = ${personId} then 'manager'::side else 'employee'::side end`),
        ),
      )
      .leftJoin(cycles, and(eq(cycles.orgId, assessments.orgId), eq(cycles.id, assessments.cycleId)))
      .where(
        and(
          eq(assessments.orgId, sql.placeholder("orgId")),
          eq(assessments.id, sql.placeholder("assessmentId")),
          or(eq(pairs.managerId, personId), eq(pairs.reportId, personId)),
          assessmentIsOpen(),
          sql`${sql.placeholder("versions")}::jsonb @> to_jsonb(${assessments.bankVersion})`,
        ),
      )
      .for("share", { of: assessments }),
  );
  return db
    .with(draft)
    .update(responses)
    .set({
      answers: sql`((${responses.answers} - array(select jsonb_array_elements_text(${sql.placeholder("removed")}::jsonb))) || ${sql.placeholder("set")}::jsonb)`,
      revision: sql`${responses.revision} + 1`,
      updatedAt: sql`now()`,
    })
    .from(draft)
    .where(and(eq(responses.orgId, sql.placeholder("orgId")), eq(responses.id, draft.responseId), isNull(responses.submittedAt)))
    .returning({ revision: responses.revision, updatedAt: responses.updatedAt })
    .prepare("save_draft");
});

/** The changes as each item bank version whose questions they are valid answers to reads them. */
function changesPerBankVersion(changes: Record<string, unknown>): { version: number; changes: Record<string, AnswerValue | null> }[] {
  const accepted: { version: number; changes: Record<string, AnswerValue | null> }[] = [];
  for (let version = 1; version <= CURRENT_BANK_VERSION; version++) {
    try {
      accepted.push({ version, changes: validateChanges(getItemBank(version), changes) });
    } catch (err) {
      if (!(err instanceof AnswerError)) throw err;
    }
  }
  return accepted;
}

/** Nothing was written: the reason, checked in the order a person reads them. */
async function explainRefusal(db: Db, actor: Actor, input: { assessmentId: string; changes: Record<string, unknown> }): Promise<never> {
  const access = await requireAssessmentParticipant(db, actor, input.assessmentId);
  const record = await loadAssessmentRecord(db, access);
  if (record.mine.submittedAt) throw new ConflictError("You have already submitted this assessment; answers can no longer change.");
  if (record.state !== "open") throw new ConflictError("This assessment is closed; answers can no longer change.");
  try {
    validateChanges(getItemBank(record.bankVersion), input.changes);
  } catch (err) {
    if (err instanceof AnswerError) throw new InvalidInputError(err.message);
    throw err;
  }
  // Open, unsubmitted and valid a moment later: it was submitted or closed in between.
  throw new ConflictError("You have already submitted this assessment; answers can no longer change.");
}
