import { z } from "zod";
import { IMPORT_LIMITS } from "@/server/services/people-import/columns";
import { confirmPeopleImport, previewPeopleImport } from "@/server/services/people-import/import-people";
import { orgAdminProcedure, router } from "../init";

const csv = z
  .string({ error: "Choose a CSV file or paste its text." })
  .min(1, "Choose a CSV file or paste its text.")
  .max(IMPORT_LIMITS.maxChars, "The file is larger than 2 MB. Split it into smaller files and import them one after the other.");

export const peopleImportRouter = router({
  // Mutations, though preview writes nothing: a 2 MB file travels in a POST body, not a URL.
  preview: orgAdminProcedure.input(z.object({ csv })).mutation(({ ctx, input }) => previewPeopleImport(ctx.db, ctx.actor, input)),
  confirm: orgAdminProcedure
    .input(z.object({ csv, expectedHash: z.string().regex(/^[0-9a-f]{64}$/, "Check the file before importing it.") }))
    .mutation(({ ctx, input }) => confirmPeopleImport(ctx.db, ctx.actor, input)),
});
