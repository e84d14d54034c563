import { z } from "zod";

// What the owner's procedures may return: the organization's settings and its audit log.

export const orgSettingsOutput = z.object({ name: z.string(), minGroupSize: z.number().int(), timeZone: z.string() });
export const minGroupSizeOutput = z.object({ minGroupSize: z.number().int() });
export const timeZoneOutput = z.object({ timeZone: z.string() });

const fieldChange = z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() });

export const auditLogOutput = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      actorName: z.string(),
      automatic: z.boolean(),
      action: z.string(),
      subjectId: z.string().nullable(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(fieldChange)])),
      createdAt: z.date(),
    }),
  ),
  next: z.date().nullable(),
});
