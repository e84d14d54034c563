import { z } from "zod";
import { closeCycle, createCycle, cycleCalendar, listCycles, listDepartments, openCycle, remindCycle } from "@/server/cycles/cycles";
import { orgAdminProcedure, router } from "../init";
import { day, id, text } from "../validation";
import {
  cycleCalendarOutput,
  cycleClosedOutput,
  cycleCreatedOutput,
  cycleListOutput,
  cycleOpenedOutput,
  cycleRemindedOutput,
  departmentsOutput,
} from "./outputs/cycles";

const byId = z.object({ cycleId: id() });

export const cyclesRouter = router({
  list: orgAdminProcedure.output(cycleListOutput).query(({ ctx }) => listCycles(ctx.db, ctx.actor)),
  departments: orgAdminProcedure.output(departmentsOutput).query(({ ctx }) => listDepartments(ctx.db, ctx.actor)),
  calendar: orgAdminProcedure.output(cycleCalendarOutput).query(({ ctx }) => cycleCalendar(ctx.db, ctx.actor)),
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
    .output(cycleCreatedOutput)
    .mutation(({ ctx, input }) => createCycle(ctx.db, ctx.actor, input)),
  open: orgAdminProcedure
    .input(byId)
    .output(cycleOpenedOutput)
    .mutation(({ ctx, input }) => openCycle(ctx.db, ctx.actor, input)),
  close: orgAdminProcedure
    .input(byId)
    .output(cycleClosedOutput)
    .mutation(({ ctx, input }) => closeCycle(ctx.db, ctx.actor, input)),
  remind: orgAdminProcedure
    .input(byId)
    .output(cycleRemindedOutput)
    .mutation(({ ctx, input }) => remindCycle(ctx.db, ctx.actor, input)),
});
