import { z } from "zod";
import { listDirectory } from "@/server/people/list-directory";
import { id, text } from "../validation";
import { protectedProcedure, router } from "../init";

export const directoryInput = z.object({
  query: text({ max: 200, label: "A search" })
    .transform((s) => s.trim())
    .optional(),
  cursor: z.object({ name: text({ max: 500 }), id: id() }).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const directoryRouter = router({
  list: protectedProcedure.input(directoryInput).query(({ ctx, input }) => listDirectory(ctx.db, ctx.actor, input)),
});
