import { z } from "zod";

// What people administration may return to HR: who people are, their roles and their pairs'
// existence; never anything from a pair's assessments or meetings.

const named = z.object({ id: z.string(), name: z.string() });
const adminRole = z.enum(["hr_admin", "owner"]);

export const peoplePageOutput = z.object({
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      title: z.string().nullable(),
      department: z.string().nullable(),
      manager: named.nullable(),
      deactivated: z.boolean(),
      roles: z.array(z.enum(["member", "hr_admin", "owner"])),
    }),
  ),
  total: z.number().int(),
  next: z.object({ name: z.string(), id: z.string() }).nullable(),
});

export const peopleDepartmentsOutput = z.array(named);

export const personOutput = z.object({
  id: z.string(),
  name: z.string(),
  givenName: z.string().nullable(),
  email: z.string(),
  title: z.string().nullable(),
  department: named.nullable(),
  manager: named.extend({ email: z.string() }).nullable(),
  startDate: z.string().nullable(),
  deactivatedAt: z.date().nullable(),
  deactivated: z.boolean(),
  createdAt: z.date(),
  activeReports: z.number().int(),
  roles: z.array(adminRole),
  pairs: z.array(z.object({ id: z.string(), as: z.enum(["report", "manager"]), other: named, startedAt: z.date(), endedAt: z.date().nullable() })),
});

export const personUpdatedOutput = z.object({ changed: z.array(z.string()) });
export const personDeactivatedOutput = z.object({ deactivated: z.boolean(), reportsWithoutManager: z.number().int(), sessionsEnded: z.number().int() });
export const personReactivatedOutput = z.object({ deactivated: z.boolean() });
export const roleSetOutput = z.object({ granted: z.boolean(), changed: z.boolean() });
