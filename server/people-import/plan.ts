import { z } from "zod";
import { IMPORT_COLUMNS, type ImportColumn } from "./columns";
import type { ParsedCsv } from "./parse-csv";

// From parsed rows and the organization as it is now to every problem of every row, and, when
// there is none, the plan of what an import would change. Pure: the caller loads the snapshot
// (one organization's people and departments) and writes the plan.

export interface ExistingPerson {
  id: string;
  email: string;
  name: string;
  givenName: string | null;
  title: string | null;
  departmentId: string | null;
  managerId: string | null;
  startDate: string | null;
  deactivated: boolean;
}

export interface ExistingDepartment {
  id: string;
  name: string;
}

/** One organization's people and departments, as the plan is made against them. */
export interface OrgSnapshot {
  people: ExistingPerson[];
  departments: ExistingDepartment[];
}

export interface RowProblem {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number;
  /** The column at fault, or null for the row as a whole. */
  column: ImportColumn | null;
  message: string;
}

export type ChangedField = "name" | "givenName" | "title" | "department" | "startDate";

export interface FieldChange {
  field: ChangedField;
  from: string | null;
  to: string | null;
}

export interface PersonRef {
  email: string;
  name: string;
}

export interface PersonToCreate {
  row: number;
  email: string;
  name: string;
  givenName: string | null;
  title: string | null;
  department: string | null;
  startDate: string | null;
}

export interface PersonToUpdate {
  row: number;
  personId: string;
  email: string;
  name: string;
  changes: FieldChange[];
}

export interface ManagerChange {
  row: number;
  email: string;
  name: string;
  /** Null for a person this import creates. */
  personId: string | null;
  from: PersonRef | null;
  to: PersonRef | null;
  /** How far below the top of the final chart the person sits: changes apply top-down, so no step makes a loop. */
  depth: number;
}

export interface ImportPlan {
  creates: PersonToCreate[];
  updates: PersonToUpdate[];
  managerChanges: ManagerChange[];
  /** Departments to create, as first spelled in the file. */
  newDepartments: string[];
  unchanged: number;
}

export const FIELD_LIMITS = { email: 254, name: 200, title: 200, department: 100 } as const;
export const START_DATE_RANGE = { min: "1900-01-01", max: "2100-12-31" } as const;

const emailSchema = z.email();

export function isEmail(value: string): boolean {
  return value.length <= FIELD_LIMITS.email && emailSchema.safeParse(value).success;
}

/** A real calendar day written YYYY-MM-DD, and only that. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const key = (name: string) => name.toLowerCase();

interface CleanRow {
  row: number;
  /** Lower-cased, or null when missing or malformed. */
  email: string | null;
  name: string;
  givenName: string | null | undefined;
  title: string | null | undefined;
  department: string | null | undefined;
  startDate: string | null | undefined;
  /** undefined: the file has no such column; null: the cell is empty (no manager). */
  managerEmail: string | null | undefined;
  /** The manager cell names a person that exists (here or in the file) and isn't the row itself. */
  managerUsable: boolean;
}

/** "a → b → c → a", shortened for long loops. */
function describeLoop(loop: string[]): string {
  const shown = loop.length > 6 ? [...loop.slice(0, 5), "…"] : loop;
  return `${[...shown, loop[0]].join(" → ")}${loop.length > 6 ? ` (${loop.length} people)` : ""}`;
}

export function planImport(parsed: ParsedCsv, snapshot: OrgSnapshot): { problems: RowProblem[]; plan: ImportPlan | null } {
  const problems: RowProblem[] = [];
  const problem = (row: number, column: ImportColumn | null, message: string) => problems.push({ row, column, message });

  const existingByEmail = new Map(snapshot.people.map((p) => [p.email, p]));
  const existingById = new Map(snapshot.people.map((p) => [p.id, p]));
  const departmentById = new Map(snapshot.departments.map((d) => [d.id, d]));
  const departmentByKey = new Map(snapshot.departments.map((d) => [key(d.name), d]));

  // 1. Each cell on its own.
  const rows: CleanRow[] = parsed.rows.map(({ row, values }) => {
    const rawEmail = values.email ?? "";
    let email: string | null = null;
    if (rawEmail === "") problem(row, "email", "Email is missing.");
    else if (!isEmail(rawEmail.toLowerCase())) problem(row, "email", `“${rawEmail}” is not a valid email address.`);
    else email = rawEmail.toLowerCase();

    const name = values.name ?? "";
    if (name === "") problem(row, "name", "Name is missing.");
    else if (name.length > FIELD_LIMITS.name) problem(row, "name", `Name is longer than ${FIELD_LIMITS.name} characters.`);

    const givenName = values.givenName;
    if (givenName && givenName.length > FIELD_LIMITS.name) problem(row, "givenName", `Given name is longer than ${FIELD_LIMITS.name} characters.`);
    const title = values.title;
    if (title && title.length > FIELD_LIMITS.title) problem(row, "title", `Title is longer than ${FIELD_LIMITS.title} characters.`);
    const department = values.department;
    if (department && department.length > FIELD_LIMITS.department)
      problem(row, "department", `Department is longer than ${FIELD_LIMITS.department} characters.`);

    const startDate = values.startDate;
    if (startDate) {
      if (!isIsoDate(startDate)) problem(row, "startDate", `“${startDate}” is not a date in the form YYYY-MM-DD (for example 2024-03-15).`);
      else if (startDate < START_DATE_RANGE.min || startDate > START_DATE_RANGE.max)
        problem(row, "startDate", `Start date ${startDate} is not between 1900 and 2100.`);
    }

    // Whether the manager exists is settled in step 3, once every email of the file is known.
    const rawManager = values.managerEmail;
    let managerEmail: string | null | undefined = rawManager === undefined ? undefined : null;
    if (rawManager) {
      // HR systems often export the manager by name ("Reports To: Sam Okafor"): say what Tandem needs.
      if (!isEmail(rawManager.toLowerCase()))
        problem(row, "managerEmail", `“${rawManager}” is not an email address. Tandem finds managers by email: use your system's manager email column.`);
      else managerEmail = rawManager.toLowerCase();
    }
    return {
      row,
      email,
      name,
      givenName: givenName === undefined ? undefined : givenName || null,
      title: title === undefined ? undefined : title || null,
      department: department === undefined ? undefined : department || null,
      startDate: startDate === undefined ? undefined : startDate || null,
      managerEmail,
      managerUsable: false,
    };
  });

  // 2. Emails across the file and against the organization.
  const rowsByEmail = new Map<string, number[]>();
  for (const r of rows) if (r.email) rowsByEmail.set(r.email, [...(rowsByEmail.get(r.email) ?? []), r.row]);
  for (const r of rows) {
    if (!r.email) continue;
    const same = rowsByEmail.get(r.email)!;
    if (same.length > 1) problem(r.row, "email", `${r.email} appears more than once in the file (rows ${same.join(", ")}).`);
    if (existingByEmail.get(r.email)?.deactivated)
      problem(r.row, "email", `${r.email} belongs to someone who has been deactivated in Tandem. Remove this row.`);
  }

  // 3. Managers: in the file or in the organization, active, not the row itself.
  for (const r of rows) {
    const managerEmail = r.managerEmail;
    if (!managerEmail) continue;
    const existing = existingByEmail.get(managerEmail);
    if (managerEmail === r.email) problem(r.row, "managerEmail", "A person cannot be their own manager.");
    else if (existing?.deactivated) problem(r.row, "managerEmail", `${managerEmail} has been deactivated in Tandem and can't be a manager.`);
    else if (existing || rowsByEmail.has(managerEmail)) r.managerUsable = true;
    else problem(r.row, "managerEmail", `No one with the email ${managerEmail} is in this file or in your organization.`);
  }

  // 4. The chart the import would leave: the file's managers over the organization's. Every
  // row on a loop gets the problem.
  const fileRowOf = new Map<string, CleanRow>();
  for (const r of rows) if (r.email && !fileRowOf.has(r.email)) fileRowOf.set(r.email, r);
  const finalManager = new Map<string, string | null>();
  for (const p of snapshot.people) finalManager.set(p.email, p.managerId ? (existingById.get(p.managerId)?.email ?? null) : null);
  for (const [email, fileRow] of fileRowOf) {
    if (fileRow.managerEmail === null) finalManager.set(email, null);
    else if (fileRow.managerEmail && fileRow.managerUsable) finalManager.set(email, fileRow.managerEmail);
    else if (!finalManager.has(email)) finalManager.set(email, null);
  }

  const state = new Map<string, "walking" | "done">();
  for (const start of finalManager.keys()) {
    const path: string[] = [];
    let cursor: string | null | undefined = start;
    while (cursor && !state.has(cursor)) {
      state.set(cursor, "walking");
      path.push(cursor);
      cursor = finalManager.get(cursor);
    }
    if (cursor && state.get(cursor) === "walking") {
      const loop = path.slice(path.indexOf(cursor));
      for (let i = 0; i < loop.length; i++) {
        const fileRow = fileRowOf.get(loop[i]!);
        // A row pointing at itself already has its own message.
        if (fileRow && loop.length > 1) {
          const rotated = [...loop.slice(i), ...loop.slice(0, i)];
          for (const row of rowsByEmail.get(fileRow.email!) ?? []) problem(row, "managerEmail", `The manager chain loops: ${describeLoop(rotated)}.`);
        }
      }
    }
    for (const email of path) state.set(email, "done");
  }

  const order = (c: ImportColumn | null) => (c ? IMPORT_COLUMNS.indexOf(c) : IMPORT_COLUMNS.length);
  problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  if (problems.length > 0) return { problems, plan: null };

  // 5. The plan: who is created, what changes for whom, which pairs close and open.
  const depthOf = new Map<string, number>();
  const depth = (email: string): number => {
    const chain: string[] = [];
    const seen = new Set<string>();
    let cursor: string | null | undefined = email;
    // (No loops remain at this point; `seen` only guards against a loop already in the data.)
    while (cursor && !depthOf.has(cursor) && !seen.has(cursor)) {
      seen.add(cursor);
      chain.push(cursor);
      cursor = finalManager.get(cursor);
    }
    let depth = cursor && depthOf.has(cursor) ? depthOf.get(cursor)! + 1 : 0;
    for (const e of chain.reverse()) depthOf.set(e, depth++);
    return depthOf.get(email)!;
  };
  const refOf = (email: string): PersonRef => ({ email, name: fileRowOf.get(email)?.name ?? existingByEmail.get(email)!.name });

  const newDepartments = new Map<string, string>();
  const departmentName = (name: string) => departmentByKey.get(key(name))?.name ?? newDepartments.get(key(name)) ?? name;
  for (const r of rows)
    if (r.department && !departmentByKey.has(key(r.department)) && !newDepartments.has(key(r.department))) newDepartments.set(key(r.department), r.department);

  const plan: ImportPlan = { creates: [], updates: [], managerChanges: [], newDepartments: [...newDepartments.values()], unchanged: 0 };
  for (const r of rows) {
    const email = r.email!;
    const existing = existingByEmail.get(email);
    if (!existing) {
      plan.creates.push({
        row: r.row,
        email,
        name: r.name,
        givenName: r.givenName ?? null,
        title: r.title ?? null,
        department: r.department ? departmentName(r.department) : null,
        startDate: r.startDate ?? null,
      });
      if (r.managerEmail)
        plan.managerChanges.push({ row: r.row, email, name: r.name, personId: null, from: null, to: refOf(r.managerEmail), depth: depth(email) });
      continue;
    }
    const changes: FieldChange[] = [];
    if (r.name !== existing.name) changes.push({ field: "name", from: existing.name, to: r.name });
    if (r.givenName !== undefined && r.givenName !== existing.givenName) changes.push({ field: "givenName", from: existing.givenName, to: r.givenName });
    if (r.title !== undefined && r.title !== existing.title) changes.push({ field: "title", from: existing.title, to: r.title });
    if (r.department !== undefined) {
      const current = existing.departmentId ? (departmentById.get(existing.departmentId)?.name ?? null) : null;
      if ((current && key(current)) !== (r.department && key(r.department)))
        changes.push({ field: "department", from: current, to: r.department ? departmentName(r.department) : null });
    }
    if (r.startDate !== undefined && r.startDate !== existing.startDate) changes.push({ field: "startDate", from: existing.startDate, to: r.startDate });
    if (changes.length > 0) plan.updates.push({ row: r.row, personId: existing.id, email, name: r.name, changes });

    const currentManager = existing.managerId ? (existingById.get(existing.managerId)?.email ?? null) : null;
    const managerChanged = r.managerEmail !== undefined && r.managerEmail !== currentManager;
    if (managerChanged) {
      plan.managerChanges.push({
        row: r.row,
        email,
        name: r.name,
        personId: existing.id,
        from: currentManager ? { email: currentManager, name: existingByEmail.get(currentManager)!.name } : null,
        to: r.managerEmail ? refOf(r.managerEmail) : null,
        depth: depth(email),
      });
    }
    if (changes.length === 0 && !managerChanged) plan.unchanged++;
  }
  return { problems, plan };
}
