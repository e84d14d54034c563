import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, organizations, pairs, people } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { enqueueMails } from "@/server/jobs/mail";
import { wakeSender } from "@/server/jobs/wake";
import { recordAudit } from "@/server/audit/audit";
import { ConflictError, InvalidInputError, NotFoundError } from "@/server/errors";
import { setManager } from "@/server/people/set-manager";
import { PREVIEW_LIST_LIMIT } from "./columns";
import { invitationMail } from "./invitation";
import { normalizeHeader, parsePeopleCsv, type ColumnMapping, type FileLimits, type HeaderReading, type ParsedCsv } from "./parse-csv";
import {
  planImport,
  type ImportPlan,
  type ManagerChange,
  type OrgSnapshot,
  type PersonRef,
  type PersonToCreate,
  type PersonToUpdate,
  type RowProblem,
} from "./plan";

// People import (PRODUCT.md §6): a preview that lists every row's problems and what an import
// would change, writing nothing; and a confirm that checks the file again on the server, refuses
// while any problem remains or anything changed since the preview, and writes everything in one
// transaction. Only the caller's organization is read or written: an address that exists in
// another organization is simply a new person here.

export { PREVIEW_LIST_LIMIT };

// The preview lists the plan's steps as the admin reads them: without the stored ids and the
// order of work the import keeps to itself, and with a new person's manager beside them.

export interface PreviewPerson extends PersonToCreate {
  manager: PersonRef | null;
}

export type PreviewUpdate = Omit<PersonToUpdate, "personId">;

export type PreviewManagerChange = Omit<ManagerChange, "personId" | "depth">;

export interface ImportSummary {
  creates: number;
  updates: number;
  managerChanges: number;
  unchanged: number;
  pairsToClose: number;
  pairsToOpen: number;
  newDepartments: string[];
}

export interface ImportPreview {
  /** Problems with the file as a whole (unreadable, missing columns, too large); rows are not checked then. */
  fileErrors: string[];
  /** Every column of the file and what it is read as: what HR sees and may change. */
  headers: HeaderReading[];
  rowCount: number;
  /** Every row's problems, in file order (the first PREVIEW_LIST_LIMIT of problemCount). */
  problems: RowProblem[];
  problemCount: number;
  /** What confirming would do; null while there is any problem. */
  summary: ImportSummary | null;
  creates: PreviewPerson[];
  updates: PreviewUpdate[];
  /** Existing people whose manager changes (new people's managers are in `creates`). */
  managerChanges: PreviewManagerChange[];
  /** What confirm must be given back: it refuses if the plan it makes differs. Null while there are problems. */
  hash: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  managerChanges: number;
  unchanged: number;
  invited: number;
}

async function loadSnapshot(db: Db, orgId: string): Promise<OrgSnapshot> {
  const [rows, depts] = await Promise.all([
    db
      .select({
        id: people.id,
        email: people.email,
        name: people.name,
        givenName: people.givenName,
        title: people.title,
        departmentId: people.departmentId,
        managerId: people.managerId,
        startDate: people.startDate,
        deactivatedAt: people.deactivatedAt,
      })
      .from(people)
      .where(eq(people.orgId, orgId)),
    db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)),
  ]);
  return { people: rows.map(({ deactivatedAt, ...p }) => ({ ...p, deactivated: deactivatedAt !== null })), departments: depts };
}

/**
 * Fingerprint of everything an import would write and where, so confirm writes exactly what was
 * previewed, in the organization it was previewed for.
 */
function hashPlan(orgId: string, plan: ImportPlan): string {
  return crypto.createHash("sha256").update(orgId).update("\n").update(JSON.stringify(plan)).digest("hex");
}

function summarize(plan: ImportPlan): ImportSummary {
  const existingChanges = plan.managerChanges.filter((c) => c.personId !== null);
  const changedPeople = new Set([...plan.updates.map((u) => u.personId), ...existingChanges.map((c) => c.personId!)]);
  return {
    creates: plan.creates.length,
    updates: changedPeople.size,
    managerChanges: existingChanges.length,
    unchanged: plan.unchanged,
    pairsToClose: existingChanges.filter((c) => c.from !== null).length,
    pairsToOpen: plan.managerChanges.filter((c) => c.to !== null).length,
    newDepartments: plan.newDepartments,
  };
}

const emptyPreview = { problems: [], problemCount: 0, summary: null, creates: [], updates: [], managerChanges: [], hash: null };

/** The organization's remembered column choices, overridden by the ones made for this file. */
export async function mappingFor(db: Db, orgId: string, chosen: ColumnMapping | undefined): Promise<ColumnMapping> {
  const [org] = await db.select({ mapping: organizations.importColumnMapping }).from(organizations).where(eq(organizations.id, orgId));
  const merged: ColumnMapping = { ...(org?.mapping as ColumnMapping | undefined) };
  for (const [header, choice] of Object.entries(chosen ?? {})) merged[normalizeHeader(header)] = choice;
  return merged;
}

export interface ImportInput {
  csv: string;
  /** Column choices HR made in the preview: header (as in the file) → field or "ignore". */
  mapping?: ColumnMapping;
}

/** Checks a file against the caller's organization and says what importing it would do. Writes nothing. */
export async function previewPeopleImport(db: Db, actor: Actor, input: ImportInput): Promise<ImportPreview> {
  const parsed = parsePeopleCsv(input.csv, await mappingFor(db, actor.orgId, input.mapping));
  return previewParsed(db, actor.orgId, parsed, PREVIEW_LIST_LIMIT);
}

/**
 * What importing a parsed file would do in one organization. `problemLimit` problems are
 * listed (all of them for a background import, which offers every one as a download).
 */
export async function previewParsed(db: Db, orgId: string, parsed: ParsedCsv, problemLimit: number): Promise<ImportPreview> {
  if (parsed.fileErrors.length > 0) return { ...emptyPreview, headers: parsed.headers, fileErrors: parsed.fileErrors, rowCount: 0 };
  const { problems, plan } = planImport(parsed, await loadSnapshot(db, orgId));
  const base = { fileErrors: [], headers: parsed.headers, rowCount: parsed.rows.length };
  if (!plan) return { ...emptyPreview, ...base, problems: problems.slice(0, problemLimit), problemCount: problems.length };

  const managerOf = new Map(plan.managerChanges.filter((c) => c.personId === null).map((c) => [c.email, c.to]));
  return {
    ...base,
    problems: [],
    problemCount: 0,
    summary: summarize(plan),
    creates: plan.creates.slice(0, PREVIEW_LIST_LIMIT).map((c) => ({ ...c, manager: managerOf.get(c.email) ?? null })),
    updates: plan.updates.slice(0, PREVIEW_LIST_LIMIT).map(({ row, email, name, changes }) => ({ row, email, name, changes })),
    managerChanges: plan.managerChanges
      .filter((c) => c.personId !== null)
      .slice(0, PREVIEW_LIST_LIMIT)
      .map(({ row, email, name, from, to }) => ({ row, email, name, from, to })),
    hash: hashPlan(orgId, plan),
  };
}

const CHUNK = 1000;

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** How far an import's write has got: people written so far, of all the people it writes. */
export interface WriteProgress {
  written: number;
  total: number;
}

export interface ConfirmOptions {
  limits?: FileLimits;
  /**
   * Called inside the transaction after each batch of people is written (written rises to
   * total). It runs before the transaction commits: throwing undoes the whole import.
   */
  onProgress?: (progress: WriteProgress) => Promise<void>;
}

/**
 * Imports a file previewed with `expectedHash`: checks it again from scratch, and writes every
 * person, department and manager change in one transaction, or nothing. People not in the file
 * are left as they are. Invitations to the people created are queued in the same transaction
 * and sent by the worker at the organization's mail rate (server/jobs/mail.ts): the request
 * does not wait for a thousand emails.
 */
export async function confirmPeopleImport(
  db: Db,
  actor: Actor,
  input: ImportInput & { expectedHash: string },
  options: ConfirmOptions = {},
): Promise<ImportResult> {
  const mapping = await mappingFor(db, actor.orgId, input.mapping);
  const parsed = parsePeopleCsv(input.csv, mapping, options.limits);
  if (parsed.fileErrors.length > 0) throw new InvalidInputError(parsed.fileErrors.join(" "));
  const orgId = actor.orgId;

  let result: ImportResult;
  try {
    result = await db.transaction(async (tx) => {
      // One import at a time per organization: the second waits, then finds the plan changed.
      // (NO KEY UPDATE: rows that merely reference the organization can still be written meanwhile.)
      const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).for("no key update");
      if (!org) throw new NotFoundError();
      const snapshot = await loadSnapshot(tx, orgId);
      const { problems, plan } = planImport(parsed, snapshot);
      if (!plan) {
        throw new InvalidInputError(
          `The file has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}. Check it again and fix ${problems.length === 1 ? "it" : "them"} before importing.`,
        );
      }
      if (hashPlan(orgId, plan) !== input.expectedHash) {
        throw new ConflictError("People in Tandem or the file changed since it was checked. Check the file again, then import.");
      }

      const summary = summarize(plan);
      // HR's column choices for this file are remembered for the organization's next import.
      const chosen = Object.fromEntries(parsed.headers.filter((h) => h.source === "chosen").map((h) => [normalizeHeader(h.header), h.target ?? "ignore"]));
      if (Object.keys(chosen).length > 0) {
        await tx
          .update(organizations)
          .set({ importColumnMapping: sql`${organizations.importColumnMapping} || ${JSON.stringify(chosen)}::jsonb` })
          .where(eq(organizations.id, orgId));
      }
      // Re-importing a file already imported changes nothing, not even the audit log.
      if (plan.creates.length === 0 && plan.updates.length === 0 && plan.managerChanges.length === 0 && plan.newDepartments.length === 0) {
        return { created: 0, updated: 0, managerChanges: 0, unchanged: summary.unchanged, invited: 0 };
      }

      const departmentIds = new Map(snapshot.departments.map((d) => [d.name.toLowerCase(), d.id]));
      if (plan.newDepartments.length > 0) {
        const created = await tx
          .insert(departments)
          .values(plan.newDepartments.map((name) => ({ orgId, name })))
          .returning({ id: departments.id, name: departments.name });
        for (const d of created) departmentIds.set(d.name.toLowerCase(), d.id);
      }
      const departmentId = (name: string | null) => (name ? departmentIds.get(name.toLowerCase())! : null);

      // New people arrive with their manager and their open pair, as setManager would leave a
      // person who had neither: in bulk, top of the chart first (a chunk's managers exist by
      // then), ids chosen here so reports can name managers created in the same import. The
      // plan has already refused loops over the final chart, under the organization's lock.
      const at = new Date();
      const personIds = new Map(snapshot.people.map((p) => [p.email, p.id]));
      const firstManager = new Map(plan.managerChanges.filter((c) => c.personId === null).map((c) => [c.email, c]));
      const creates = [...plan.creates].sort((a, b) => (firstManager.get(a.email)?.depth ?? 0) - (firstManager.get(b.email)?.depth ?? 0));
      for (const c of creates) personIds.set(c.email, crypto.randomUUID());
      const managerIdOf = (email: string) => {
        const to = firstManager.get(email)?.to;
        return to ? personIds.get(to.email)! : null;
      };
      // Progress counts people: the new ones, then each existing person once, whether their
      // details, their manager or both change (summary.updates counts them the same way).
      const total = summary.creates + summary.updates;
      const existingWritten = new Set<string>();
      let reported = 0;
      const report = async (written: number, force = false) => {
        if (!options.onProgress || written === reported || (!force && written - reported < CHUNK)) return;
        reported = written;
        await options.onProgress({ written, total });
      };
      const wroteExisting = (personId: string) => {
        existingWritten.add(personId);
        return report(creates.length + existingWritten.size);
      };

      for (let i = 0; i < creates.length; i += CHUNK) {
        await tx.insert(people).values(
          creates.slice(i, i + CHUNK).map((c) => ({
            id: personIds.get(c.email)!,
            orgId,
            email: c.email,
            name: c.name,
            givenName: c.givenName,
            title: c.title,
            departmentId: departmentId(c.department),
            startDate: c.startDate,
            managerId: managerIdOf(c.email),
          })),
        );
        await report(Math.min(i + CHUNK, creates.length), true);
      }
      const newPairs = creates
        .filter((c) => managerIdOf(c.email))
        .map((c) => ({ orgId, managerId: managerIdOf(c.email)!, reportId: personIds.get(c.email)!, startedAt: at }));
      for (let i = 0; i < newPairs.length; i += CHUNK) await tx.insert(pairs).values(newPairs.slice(i, i + CHUNK));

      for (const u of plan.updates) {
        const set: Partial<typeof people.$inferInsert> = {};
        for (const change of u.changes) {
          if (change.field === "name") set.name = change.to!;
          else if (change.field === "givenName") set.givenName = change.to;
          else if (change.field === "title") set.title = change.to;
          else if (change.field === "department") set.departmentId = departmentId(change.to);
          else set.startDate = change.to;
        }
        await tx
          .update(people)
          .set(set)
          .where(and(eq(people.orgId, orgId), eq(people.id, u.personId)));
        await wroteExisting(u.personId);
      }

      // Existing people change manager through setManager (it closes the old pair and what
      // hangs on it), top of the final chart first: everyone above a person already has their
      // final manager when that person moves, so no step makes a loop.
      const moves = plan.managerChanges.filter((c) => c.personId !== null).sort((a, b) => a.depth - b.depth || a.row - b.row);
      for (const change of moves) {
        await setManager(tx, { orgId, personId: change.personId!, managerId: change.to ? personIds.get(change.to.email)! : null, at });
        await wroteExisting(change.personId!);
      }
      await report(creates.length + existingWritten.size, true);

      const result: ImportResult = {
        created: summary.creates,
        updated: summary.updates,
        managerChanges: summary.managerChanges,
        unchanged: summary.unchanged,
        invited: plan.creates.length,
      };
      await recordAudit(tx, actor, "people.imported", {
        rows: parsed.rows.length,
        created: result.created,
        updated: result.updated,
        managerChanges: result.managerChanges,
        unchanged: result.unchanged,
      });

      const [me] = await tx
        .select({ name: people.name })
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.id, actor.personId)));
      await enqueueMails(
        tx,
        orgId,
        plan.creates.map((c) => ({ key: `invitation:${personIds.get(c.email)!}`, mail: invitationMail(c, org.name, me?.name ?? "Your HR team") })),
        at,
      );
      return result;
    });
  } catch (err) {
    // Someone added the same address between our read and our write (outside an import).
    if (isUniqueViolation(err)) throw new ConflictError("People in Tandem changed while importing. Check the file again, then import.");
    throw err;
  }

  if (result.invited > 0) wakeSender();
  return result;
}
