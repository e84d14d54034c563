import { z } from "zod";
import { participation } from "./cells";

// What the cycle procedures may return to HR: dates, scope and participation counts, never a person.

const named = z.object({ id: z.string(), name: z.string() });

export const cycleListOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
    status: z.enum(["draft", "open", "closed"]),
    allDepartments: z.boolean(),
    minGroupSize: z.number().int().nullable(),
    openedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    createdAt: z.date(),
    departments: z.array(z.string()),
    automatic: z.object({ timeZone: z.string(), opensAt: z.date(), closesAt: z.date(), reminderAt: z.date().nullable(), remindedAt: z.date().nullable() }),
    participation: participation.nullable(),
  }),
);

export const departmentsOutput = z.array(named);
export const cycleCalendarOutput = z.object({ timeZone: z.string(), today: z.string() });
export const cycleCreatedOutput = z.object({ cycleId: z.string() });
export const cycleOpenedOutput = z.object({ pairs: z.number().int() });
export const cycleClosedOutput = z.object({ closed: z.boolean() });
export const cycleRemindedOutput = z.object({ sent: z.boolean() });
