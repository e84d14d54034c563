import { z } from "zod";
import { IMPORT_LIMITS, MAPPING_TARGETS } from "@/server/people-import/columns";
import { confirmPeopleImport, previewPeopleImport } from "@/server/people-import/import-people";
import { confirmImportRun, getImportRun, importRunProblemsCsv, recheckImportRun } from "@/server/people-import/import-runs";
import { orgAdminProcedure, router } from "../init";
import { id, text } from "../validation";
import { importPreviewOutput, importResultOutput, importRunOutput, importRunStartedOutput, problemsCsvOutput } from "./outputs/people-import";

const csv = z
  .string({ error: "Choose a CSV file or paste its text." })
  .min(1, "Choose a CSV file or paste its text.")
  .max(IMPORT_LIMITS.maxChars, "The file is larger than 2 MB. Split it into smaller files and import them one after the other.");

/** HR's column choices: a header as written in the file → what it holds, or "ignore". */
const mapping = z
  .record(text({ max: 200, label: "A column name" }), z.enum([...MAPPING_TARGETS, "ignore"], { error: "Choose what the column holds from the list." }))
  .refine((m) => Object.keys(m).length <= 200, "A file can have at most 200 mapped columns.")
  .optional();

export const peopleImportRouter = router({
  // Mutations, though preview writes nothing: a 2 MB file travels in a POST body, not a URL.
  preview: orgAdminProcedure
    .input(z.object({ csv, mapping }))
    .output(importPreviewOutput)
    .mutation(({ ctx, input }) => previewPeopleImport(ctx.db, ctx.actor, input)),
  confirm: orgAdminProcedure
    .input(z.object({ csv, mapping, expectedHash: z.string().regex(/^[0-9a-f]{64}$/, "Check the file before importing it.") }))
    .output(importResultOutput)
    .mutation(({ ctx, input }) => confirmPeopleImport(ctx.db, ctx.actor, input)),
  // Background imports of uploaded files (app/api/people-import/route.ts starts them).
  run: orgAdminProcedure
    .input(z.object({ runId: id() }))
    .output(importRunOutput)
    .query(({ ctx, input }) => getImportRun(ctx.db, ctx.actor, input)),
  runProblemsCsv: orgAdminProcedure
    .input(z.object({ runId: id() }))
    .output(problemsCsvOutput)
    .query(({ ctx, input }) => importRunProblemsCsv(ctx.db, ctx.actor, input)),
  recheckRun: orgAdminProcedure
    .input(z.object({ runId: id(), mapping: mapping.unwrap() }))
    .output(importRunStartedOutput)
    .mutation(({ ctx, input }) => recheckImportRun(ctx.db, ctx.actor, input)),
  confirmRun: orgAdminProcedure
    .input(z.object({ runId: id(), expectedHash: z.string().regex(/^[0-9a-f]{64}$/, "Check the file before importing it.") }))
    .output(importRunStartedOutput)
    .mutation(({ ctx, input }) => confirmImportRun(ctx.db, ctx.actor, input)),
});
