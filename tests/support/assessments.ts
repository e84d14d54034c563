import { TRPCError } from "@trpc/server";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { sendQueuedMail } from "./mail";
import { callerFor, type World } from "./factories";

// Helpers for the assessment and cycle tests: opening a cycle as HR, filling a draft the way
// the browser autosaves it, and reading what a refused call said.

export type Caller = ReturnType<typeof callerFor>;
export type DraftChanges = Record<string, number | string | null>;

export interface Person {
  /** "A report1", "B hr", …: names the person in assertion messages. */
  label: string;
  id: string;
  name: string;
  email: string;
}

const ROLES = ["owner", "grand", "manager1", "report1", "manager2", "report2", "hr", "bystander"] as const;

/** Every person of the world, in both organizations. */
export function everyone(w: World): Person[] {
  return (["a", "b"] as const).flatMap((org) =>
    ROLES.map((role) => {
      const p = w[org][role];
      return { label: `${org.toUpperCase()} ${role}`, id: p.id, name: p.name, email: p.email };
    }),
  );
}

/** Everyone except the people whose ids are given. */
export function everyoneBut(w: World, ...ids: string[]): Person[] {
  return everyone(w).filter((p) => !ids.includes(p.id));
}

export interface Outcome {
  /** "OK" when the call succeeded, else the tRPC error code. */
  code: string;
  message: string;
}

/** What a call came back with: "OK", or the tRPC code and message it was refused with. */
export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    return { code: `unexpected ${String(err)}`, message: String(err) };
  }
}

/** Has HR admin of `org` create and open a cycle over all pairs (or the given departments). */
export async function openCycleFor(
  db: Db,
  w: World,
  org: "a" | "b" = "a",
  input: { name?: string; departmentIds?: string[] | null; opensOn?: string; closesOn?: string } = {},
) {
  const hr = callerFor(db, w[org].hr.id);
  const { cycleId } = await hr.cycles.create({
    name: input.name ?? "Spring round",
    opensOn: input.opensOn ?? "2026-04-01",
    closesOn: input.closesOn ?? "2026-04-30",
    departmentIds: input.departmentIds ?? null,
  });
  const opened = await hr.cycles.open({ cycleId });
  // The worker sends the queued "ready" emails at once (wakeSender): do what it would.
  await sendQueuedMail(db);
  return { cycleId, pairs: opened.pairs };
}

/**
 * The id of the newest assessment `personId` shares with `otherId` (of that kind, or of the
 * cycle with that title), as found through the person's own assessments.listMine.
 */
export async function assessmentWith(db: Db, personId: string, otherId: string, only: { kind?: "cycle" | "check_in"; title?: string } = {}): Promise<string> {
  const mine = await callerFor(db, personId).assessments.listMine();
  const found = mine.find((a) => a.other.id === otherId && (!only.kind || a.kind === only.kind) && (!only.title || a.title === only.title));
  if (!found) throw new Error(`no assessment between ${personId} and ${otherId}`);
  return found.id;
}

/** Saves answers into a draft as the browser's autosave does: at most 100 changes per call. */
export async function fill(caller: Caller, assessmentId: string, answers: DraftChanges) {
  const entries = Object.entries(answers);
  let saved = { revision: 0 };
  for (let i = 0; i < entries.length; i += 100) {
    saved = await caller.assessments.saveDraft({ assessmentId, changes: Object.fromEntries(entries.slice(i, i + 100)) });
  }
  return saved;
}

/** Mail kept in the demo outbox for one address, oldest first, once the queued mail was sent. */
export async function outboxTo(db: Db, email: string) {
  await sendQueuedMail(db);
  return db
    .select({ subject: outboxEmails.subject, text: outboxEmails.text })
    .from(outboxEmails)
    .where(eq(outboxEmails.to, email))
    .orderBy(asc(outboxEmails.createdAt));
}
