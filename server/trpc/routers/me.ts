import { getMe, getMyShell } from "@/server/people/get-me";
import { protectedProcedure, router } from "../init";

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.actor)),
  /** Name, organization and roles only: the header of every page. */
  shell: protectedProcedure.query(({ ctx }) => getMyShell(ctx.db, ctx.actor)),
});
