import { z } from "zod";
import { FIELD_LIMITS, isEmail, isIsoDate, START_DATE_RANGE } from "@/server/people-import/plan";
import { deactivatePerson, reactivatePerson } from "@/server/people/deactivate-person";
import { getPerson } from "@/server/people/get-person";
import { listDepartments, listPeople } from "@/server/people/list-people";
import { setRole } from "@/server/people/set-role";
import { updatePerson } from "@/server/people/update-person";
import { orgAdminProcedure, ownerProcedure, router } from "../init";
import { id, text } from "../validation";
import {
  peopleDepartmentsOutput,
  peoplePageOutput,
  personDeactivatedOutput,
  personOutput,
  personReactivatedOutput,
  personUpdatedOutput,
  roleSetOutput,
} from "./outputs/people";

// People administration for HR admins and owners (owners alone for the owner role). Everything
// is of the caller's organization; anyone else's person is "not found".

const trimmed = (max: number, label: string) => text({ max, label }).transform((s) => s.trim());
const optional = (max: number, label: string) =>
  trimmed(max, label)
    .transform((s) => (s === "" ? null : s))
    .nullable();

export const personFields = z.object({
  name: trimmed(FIELD_LIMITS.name, "The name").refine((s) => s.length > 0, "Enter their name."),
  givenName: optional(FIELD_LIMITS.name, "The given name"),
  email: trimmed(FIELD_LIMITS.email, "The email")
    .transform((s) => s.toLowerCase())
    .refine(isEmail, "Enter a valid email address, like name@example.com."),
  title: optional(FIELD_LIMITS.title, "The title"),
  department: optional(FIELD_LIMITS.department, "The department"),
  startDate: optional(10, "The start date").refine(
    (d) => d === null || (isIsoDate(d) && d >= START_DATE_RANGE.min && d <= START_DATE_RANGE.max),
    "Use a start date like 2024-03-15, between 1900 and 2100.",
  ),
  managerEmail: optional(FIELD_LIMITS.email, "The manager's email").refine(
    (s) => s === null || isEmail(s.toLowerCase()),
    "Enter the manager's email address, or leave it empty for no manager.",
  ),
});

const personId = z.object({ personId: id() });

export const peopleRouter = router({
  list: orgAdminProcedure
    .input(
      z.object({
        query: trimmed(200, "A search").optional(),
        departmentId: id().nullish(),
        manager: trimmed(200, "The manager search").optional(),
        status: z.enum(["active", "deactivated", "all"]).default("active"),
        cursor: z.object({ name: text({ max: 500 }), id: id() }).nullish(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .output(peoplePageOutput)
    .query(({ ctx, input }) => listPeople(ctx.db, ctx.actor, input)),
  departments: orgAdminProcedure.output(peopleDepartmentsOutput).query(({ ctx }) => listDepartments(ctx.db, ctx.actor)),
  get: orgAdminProcedure
    .input(personId)
    .output(personOutput)
    .query(({ ctx, input }) => getPerson(ctx.db, ctx.actor, input)),
  update: orgAdminProcedure
    .input(personId.extend(personFields.shape))
    .output(personUpdatedOutput)
    .mutation(({ ctx, input }) => updatePerson(ctx.db, ctx.actor, input)),
  deactivate: orgAdminProcedure
    .input(personId)
    .output(personDeactivatedOutput)
    .mutation(({ ctx, input }) => deactivatePerson(ctx.db, ctx.actor, input)),
  reactivate: orgAdminProcedure
    .input(personId)
    .output(personReactivatedOutput)
    .mutation(({ ctx, input }) => reactivatePerson(ctx.db, ctx.actor, input)),
  setHrAdmin: orgAdminProcedure
    .input(personId.extend({ granted: z.boolean() }))
    .output(roleSetOutput)
    .mutation(({ ctx, input }) => setRole(ctx.db, ctx.actor, { personId: input.personId, role: "hr_admin", granted: input.granted })),
  // Only owners make or unmake owners: an HR admin gets "not found" here.
  setOwner: ownerProcedure
    .input(personId.extend({ granted: z.boolean() }))
    .output(roleSetOutput)
    .mutation(({ ctx, input }) => setRole(ctx.db, ctx.actor, { personId: input.personId, role: "owner", granted: input.granted })),
});
