import { z } from "zod";
import { HIDDEN_REASON } from "@/server/analysis/anonymity";

// Shapes shared by the output schemas of the procedures HR reads (server/access/aggregates.ts,
// PRODUCT.md §5). A schema names every field that may leave; anything else a service returns
// by mistake is dropped on the way out, and a hidden cell leaves without any value.

/** A hidden figure: why, and nothing else (no value, no count). */
export const hiddenCell = z.object({ hidden: z.literal(true), reason: z.literal(HIDDEN_REASON) });

export const cellOf = <T extends z.ZodType>(value: T) => z.discriminatedUnion("hidden", [z.object({ hidden: z.literal(false), value }), hiddenCell]);

export const bySide = <T extends z.ZodType>(of: T) => z.object({ employee: of, manager: of });

export const countCell = cellOf(z.number().int());

export const participation = z.object({ invited: countCell, employeeSubmitted: countCell, managerSubmitted: countCell, complete: countCell });

export const sideEnum = z.enum(["employee", "manager"]);
