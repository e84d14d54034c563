import { z } from "zod";
import { AUDIT_ACTIONS, listAudit } from "@/server/audit/audit";
import { getOrgSettings, MIN_GROUP_SIZE_RANGE, setMinGroupSize, setTimeZone } from "@/server/org/settings";
import { ownerProcedure, router } from "../init";
import { day, text } from "../validation";
import { auditLogOutput, minGroupSizeOutput, orgSettingsOutput, timeZoneOutput } from "./outputs/org";

export const orgRouter = router({
  settings: ownerProcedure.output(orgSettingsOutput).query(({ ctx }) => getOrgSettings(ctx.db, ctx.actor)),
  setMinGroupSize: ownerProcedure
    .input(
      z.object({
        minGroupSize: z
          .number()
          .int("Use a whole number.")
          .min(MIN_GROUP_SIZE_RANGE.min, `Use at least ${MIN_GROUP_SIZE_RANGE.min}.`)
          .max(MIN_GROUP_SIZE_RANGE.max, `Use at most ${MIN_GROUP_SIZE_RANGE.max}.`),
      }),
    )
    .output(minGroupSizeOutput)
    .mutation(({ ctx, input }) => setMinGroupSize(ctx.db, ctx.actor, input)),
  // The zone itself is checked by the service (IANA names only), with a message that says so.
  setTimeZone: ownerProcedure
    .input(z.object({ timeZone: text({ max: 64, label: "The time zone" }).refine((s) => s.trim().length > 0, "Choose a time zone.") }))
    .output(timeZoneOutput)
    .mutation(({ ctx, input }) => setTimeZone(ctx.db, ctx.actor, input)),
  auditLog: ownerProcedure
    .input(
      z.object({
        before: z.date().min(new Date("2000-01-01T00:00:00Z")).max(new Date("2100-01-01T00:00:00Z")).nullish(),
        limit: z.number().int().min(1).max(100).default(50),
        action: z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." }).nullish(),
        personEmail: text({ max: 254, label: "The person's email" })
          .transform((s) => s.trim() || null)
          .nullish(),
        from: day().nullish(),
        to: day().nullish(),
      }),
    )
    .output(auditLogOutput)
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),
});
