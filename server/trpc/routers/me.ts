import { getMe } from "@/server/services/people/get-me";
import { protectedProcedure, router } from "../init";

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.actor)),
});
