import { z } from "zod";
import { closeCycle, createCycle, cycleCalendar, listCycles, listDepartments, openCycle, remindCycle } from "@/server/services/cycles/cycles";
import { orgAdminProcedure, router } from "../init";
import { day, id, text } from "../validation";

const byId = z.object({ cycleId: id() });

export const cyclesRouter = router({
  list: orgAdminProcedure.query(({ ctx }) => listCycles(ctx.db, ctx.actor)),
  departments: orgAdminProcedure.query(({ ctx }) => listDepartments(ctx.db, ctx.actor)),
  calendar: orgAdminProcedure.query(({ ctx }) => cycleCalendar(ctx.db, ctx.actor)),
  create: orgAdminProcedure
    .input(
      z.object({
        name: text({ max: 120, label: "The name" })
          .transform((s) => s.trim())
          .refine((s) => s.length > 0, "Give the cycle a name."),
        opensOn: day(),
        closesOn: day(),
        departmentIds: z.array(id()).max(500).nullable(),
      }),
    )
    .mutation(({ ctx, input }) => createCycle(ctx.db, ctx.actor, input)),
  open: orgAdminProcedure.input(byId).mutation(({ ctx, input }) => openCycle(ctx.db, ctx.actor, input)),
  close: orgAdminProcedure.input(byId).mutation(({ ctx, input }) => closeCycle(ctx.db, ctx.actor, input)),
  remind: orgAdminProcedure.input(byId).mutation(({ ctx, input }) => remindCycle(ctx.db, ctx.actor, input)),
});
