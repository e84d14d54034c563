import { z } from "zod";
import { listDirectory } from "@/server/services/people/list-directory";
import { protectedProcedure, router } from "../init";

export const directoryInput = z.object({
  query: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
  cursor: z.object({ name: z.string().max(500), id: z.uuid() }).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const directoryRouter = router({
  list: protectedProcedure.input(directoryInput).query(({ ctx, input }) => listDirectory(ctx.db, ctx.actor, input)),
});
