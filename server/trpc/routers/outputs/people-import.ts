import { z } from "zod";
import { IMPORT_COLUMNS, MAPPING_TARGETS } from "@/server/people-import/columns";

// What a people import may return to HR: its own file read back (columns, problems, the plan),
// the people it would change as name and email, and counts.

const personRef = z.object({ email: z.string(), name: z.string() });
const fieldChange = z.object({
  field: z.enum(["name", "givenName", "title", "department", "startDate"]),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const importPreviewOutput = z.object({
  fileErrors: z.array(z.string()),
  headers: z.array(z.object({ header: z.string(), target: z.enum(MAPPING_TARGETS).nullable(), source: z.enum(["chosen", "recognized", "none"]) })),
  rowCount: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), column: z.enum(IMPORT_COLUMNS).nullable(), message: z.string() })),
  problemCount: z.number().int(),
  summary: z
    .object({
      creates: z.number().int(),
      updates: z.number().int(),
      managerChanges: z.number().int(),
      unchanged: z.number().int(),
      pairsToClose: z.number().int(),
      pairsToOpen: z.number().int(),
      newDepartments: z.array(z.string()),
    })
    .nullable(),
  creates: z.array(
    z.object({
      row: z.number().int(),
      email: z.string(),
      name: z.string(),
      givenName: z.string().nullable(),
      title: z.string().nullable(),
      department: z.string().nullable(),
      startDate: z.string().nullable(),
      manager: personRef.nullable(),
    }),
  ),
  updates: z.array(z.object({ row: z.number().int(), email: z.string(), name: z.string(), changes: z.array(fieldChange) })),
  managerChanges: z.array(z.object({ row: z.number().int(), email: z.string(), name: z.string(), from: personRef.nullable(), to: personRef.nullable() })),
  hash: z.string().nullable(),
});

export const importResultOutput = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  managerChanges: z.number().int(),
  unchanged: z.number().int(),
  invited: z.number().int(),
});

export const importRunOutput = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(["checking", "checked", "importing", "imported", "failed"]),
  processed: z.number().int(),
  preview: importPreviewOutput.nullable(),
  result: importResultOutput.nullable(),
  error: z.string().nullable(),
  updatedAt: z.date(),
});

export const importRunStartedOutput = z.object({ runId: z.string() });
export const problemsCsvOutput = z.object({ fileName: z.string(), csv: z.string() });
