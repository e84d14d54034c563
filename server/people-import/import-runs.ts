import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { isEmbedded, type Db } from "@/db/client";
import { peopleImportRuns } from "@/db/schema";
import { isOrgAdmin, loadActor, type Actor } from "@/server/access/actor";
import { toCsv } from "@/server/csv/write-csv";
import { defineHandler, enqueue, type JobHandlers } from "@/server/jobs/queue";
import { wakeSender } from "@/server/jobs/wake";
import { ConflictError, NotFoundError } from "@/server/errors";
import { COLUMN_LABELS, PREVIEW_LIST_LIMIT, UPLOAD_LIMITS } from "./columns";
import { confirmPeopleImport, mappingFor, previewParsed, type ImportPreview, type ImportResult } from "./import-people";
import { parsePeopleCsvStreaming, type ColumnMapping } from "./parse-csv";

// Background imports of large files (issue 18): the file is uploaded once
// (app/api/people-import/route.ts), then checked and written by the worker through the job
// queue (ADR 0003), while the page polls the run for its progress. The rules are the import's
// own (./import-people.ts, ./plan.ts): the check writes nothing, lists every problem, and the
// import refuses unless the plan is still the one checked, writing everything in one
// transaction or nothing.

const CHECK = "people-import.check";
const WRITE = "people-import.write";

const runColumns = {
  id: peopleImportRuns.id,
  fileName: peopleImportRuns.fileName,
  status: peopleImportRuns.status,
  revision: peopleImportRuns.revision,
  processed: peopleImportRuns.processed,
  preview: peopleImportRuns.preview,
  result: peopleImportRuns.result,
  error: peopleImportRuns.error,
  mapping: peopleImportRuns.mapping,
  createdAt: peopleImportRuns.createdAt,
  updatedAt: peopleImportRuns.updatedAt,
};

async function enqueueCheck(db: Db, run: { id: string; revision: number }) {
  await enqueue(db, { kind: CHECK, key: `${CHECK}:${run.id}:${run.revision}`, payload: { runId: run.id, revision: run.revision }, runAt: new Date() });
}

/** Stores an uploaded file for the caller's organization and queues its check. */
export async function createImportRun(db: Db, actor: Actor, input: { fileName: string; csv: string }) {
  const run = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(peopleImportRuns)
      .values({ orgId: actor.orgId, createdBy: actor.personId, fileName: input.fileName.slice(0, 200), csv: input.csv, status: "checking" })
      .returning({ id: peopleImportRuns.id, revision: peopleImportRuns.revision });
    await enqueueCheck(tx, row!);
    return row!;
  });
  wakeSender();
  return { runId: run.id };
}

async function requireRun(db: Db, actor: Actor, runId: string) {
  const [run] = await db
    .select(runColumns)
    .from(peopleImportRuns)
    .where(and(eq(peopleImportRuns.orgId, actor.orgId), eq(peopleImportRuns.id, runId)));
  if (!run) throw new NotFoundError();
  return run;
}

export interface ImportRunView {
  id: string;
  fileName: string;
  status: "checking" | "checked" | "importing" | "imported" | "failed";
  /**
   * While checking: rows read so far. While importing: people written so far, of the
   * preview's summary.creates + summary.updates (on Postgres it rises as the import writes; on
   * the embedded database it jumps to the total when the import commits). Once imported: that total.
   */
  processed: number;
  /** The check's findings, with at most PREVIEW_LIST_LIMIT problems listed (the count is complete). */
  preview: ImportPreview | null;
  result: ImportResult | null;
  error: string | null;
  updatedAt: Date;
}

/** A run of the caller's organization, as the import page follows it. */
export async function getImportRun(db: Db, actor: Actor, input: { runId: string }): Promise<ImportRunView> {
  const run = await requireRun(db, actor, input.runId);
  const preview = run.preview as ImportPreview | null;
  return {
    id: run.id,
    fileName: run.fileName,
    status: run.status,
    processed: run.processed,
    preview: preview ? { ...preview, problems: preview.problems.slice(0, PREVIEW_LIST_LIMIT) } : null,
    result: run.result as ImportResult | null,
    error: run.error,
    updatedAt: run.updatedAt,
  };
}

/** Every problem the check found, as a CSV file to fix the export from. */
export async function importRunProblemsCsv(db: Db, actor: Actor, input: { runId: string }) {
  const run = await requireRun(db, actor, input.runId);
  const preview = run.preview as ImportPreview | null;
  if (!preview) throw new ConflictError("This file is still being checked.");
  const csv = toCsv([
    ["Row", "Column", "Problem"],
    ...preview.fileErrors.map((e) => ["", "", e]),
    ...preview.problems.map((p) => [String(p.row), p.column ? COLUMN_LABELS[p.column] : "", p.message]),
  ]);
  return { fileName: `problems-${run.fileName.replace(/\.csv$/i, "")}.csv`, csv };
}

/** Checks the file again with the columns HR chose. */
export async function recheckImportRun(db: Db, actor: Actor, input: { runId: string; mapping: ColumnMapping }) {
  const run = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(peopleImportRuns)
      .set({
        mapping: input.mapping,
        status: "checking",
        revision: sql`${peopleImportRuns.revision} + 1`,
        processed: 0,
        preview: null,
        error: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(peopleImportRuns.orgId, actor.orgId),
          eq(peopleImportRuns.id, input.runId),
          sql`${peopleImportRuns.status} in ('checked', 'failed')`,
          sql`${peopleImportRuns.csv} is not null`,
        ),
      )
      .returning({ id: peopleImportRuns.id, revision: peopleImportRuns.revision });
    if (!row) {
      await requireRun(tx, actor, input.runId);
      throw new ConflictError("This file is being checked or imported right now, or was imported already.");
    }
    await enqueueCheck(tx, row);
    return row;
  });
  wakeSender();
  return { runId: run.id };
}

/** Queues the import of a checked run, as checked (the worker refuses if anything changed since). */
export async function confirmImportRun(db: Db, actor: Actor, input: { runId: string; expectedHash: string }) {
  const run = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(peopleImportRuns)
      .set({ status: "importing", processed: 0, confirmedBy: actor.personId, expectedHash: input.expectedHash, updatedAt: sql`now()` })
      .where(
        and(
          eq(peopleImportRuns.orgId, actor.orgId),
          eq(peopleImportRuns.id, input.runId),
          eq(peopleImportRuns.status, "checked"),
          // A check that found problems has no plan to import.
          sql`${peopleImportRuns.preview}->>'hash' = ${input.expectedHash}`,
        ),
      )
      .returning({ id: peopleImportRuns.id, revision: peopleImportRuns.revision });
    if (!row) {
      await requireRun(tx, actor, input.runId);
      throw new ConflictError(
        "Only a checked file without problems can be imported, as it was checked. Wait for the check to finish, or check the file again.",
      );
    }
    await enqueue(tx, { kind: WRITE, key: `${WRITE}:${row.id}`, payload: { runId: row.id }, runAt: new Date() });
    return row;
  });
  wakeSender();
  return { runId: run.id };
}

// ---------------------------------------------------------------------------------------------
// The worker's side

async function runRow(db: Db, runId: string) {
  const [run] = await db.select().from(peopleImportRuns).where(eq(peopleImportRuns.id, runId));
  return run ?? null;
}

const checkRun = defineHandler({
  payload: z.object({ runId: z.uuid(), revision: z.number().int() }),
  async run(db, payload) {
    const run = await runRow(db, payload.runId);
    if (!run || run.revision !== payload.revision || run.status !== "checking" || run.csv === null)
      return { outcome: "cancelled", reason: "a newer check or the import took over" };
    const current = and(eq(peopleImportRuns.id, run.id), eq(peopleImportRuns.revision, payload.revision));
    const mapping = await mappingFor(db, run.orgId, run.mapping as ColumnMapping);
    const parsed = await parsePeopleCsvStreaming(run.csv, mapping, UPLOAD_LIMITS, async (records) => {
      await db
        .update(peopleImportRuns)
        .set({ processed: Math.max(0, records - 1), updatedAt: sql`now()` })
        .where(current);
    });
    const preview = await previewParsed(db, run.orgId, parsed, Number.POSITIVE_INFINITY);
    await db
      .update(peopleImportRuns)
      .set({ status: "checked", preview: preview as unknown as Record<string, unknown>, processed: preview.rowCount, updatedAt: sql`now()` })
      .where(and(current, eq(peopleImportRuns.status, "checking")));
    return { outcome: "done" };
  },
});

const writeRun = defineHandler({
  payload: z.object({ runId: z.uuid() }),
  async run(db, payload) {
    const run = await runRow(db, payload.runId);
    if (!run || run.status !== "importing" || run.csv === null || !run.expectedHash || !run.confirmedBy)
      return { outcome: "cancelled", reason: "nothing to import" };
    const fail = async (error: string) => {
      await db
        .update(peopleImportRuns)
        .set({ status: "failed", error, updatedAt: sql`now()` })
        .where(eq(peopleImportRuns.id, run.id));
      return { outcome: "cancelled" as const, reason: error };
    };
    // The import acts as the person who confirmed it, as long as they still may.
    const actor = await loadActor(db, run.confirmedBy);
    if (!actor || actor.orgId !== run.orgId || !isOrgAdmin(actor)) return fail("The person who started this import is no longer an HR admin or owner here.");
    const importing = and(eq(peopleImportRuns.id, run.id), eq(peopleImportRuns.status, "importing"));
    const setWritten = (written: number) =>
      db
        .update(peopleImportRuns)
        .set({ processed: written, updatedAt: sql`now()` })
        .where(importing);
    // A retry starts the count again.
    await setWritten(0);
    try {
      const result = await confirmPeopleImport(
        db,
        actor,
        { csv: run.csv, mapping: run.mapping as ColumnMapping, expectedHash: run.expectedHash },
        {
          limits: UPLOAD_LIMITS,
          // The people written so far, for the page: committed at once on a connection of the
          // pool's own while the import's transaction goes on, so the count is visible before the
          // import is. Nothing else changes outside that transaction, which still writes
          // everything or nothing. The embedded database has one connection, held by the
          // transaction (a statement from outside would wait for it, forever): there the count is
          // written once the import is.
          onProgress: isEmbedded(db) ? undefined : async ({ written }) => void (await setWritten(written)),
        },
      );
      await db
        .update(peopleImportRuns)
        .set({
          status: "imported",
          processed: result.created + result.updated,
          result: result as unknown as Record<string, unknown>,
          csv: null,
          updatedAt: sql`now()`,
        })
        .where(eq(peopleImportRuns.id, run.id));
      return { outcome: "done" };
    } catch (err) {
      // Refusals a person can act on end the run with their message; anything else is retried.
      if (err instanceof ConflictError || (err instanceof Error && err.name === "InvalidInputError")) return fail(err.message);
      throw err;
    }
  },
});

export function peopleImportHandlers(): JobHandlers {
  return { [CHECK]: checkRun, [WRITE]: writeRun };
}
