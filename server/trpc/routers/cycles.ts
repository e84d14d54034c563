import { z } from "zod";
import { closeCycle, createCycle, listCycles, listDepartments, openCycle, remindCycle } from "@/server/services/cycles/cycles";
import { orgAdminProcedure, router } from "../init";

const isoDate = z.iso.date({ error: "Use a date like 2026-12-31." });
const byId = z.object({ cycleId: z.uuid() });

export const cyclesRouter = router({
  list: orgAdminProcedure.query(({ ctx }) => listCycles(ctx.db, ctx.actor)),
  departments: orgAdminProcedure.query(({ ctx }) => listDepartments(ctx.db, ctx.actor)),
  create: orgAdminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, "Give the cycle a name.").max(120, "Use at most 120 characters."),
        opensOn: isoDate,
        closesOn: isoDate,
        departmentIds: z.array(z.uuid()).max(500).nullable(),
      }),
    )
    .mutation(({ ctx, input }) => createCycle(ctx.db, ctx.actor, input)),
  open: orgAdminProcedure.input(byId).mutation(({ ctx, input }) => openCycle(ctx.db, ctx.actor, input)),
  close: orgAdminProcedure.input(byId).mutation(({ ctx, input }) => closeCycle(ctx.db, ctx.actor, input)),
  remind: orgAdminProcedure.input(byId).mutation(({ ctx, input }) => remindCycle(ctx.db, ctx.actor, input)),
});
