import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agendaItems, agendaTemplates, type AgendaSource } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { mayCreateTemplate, mayEditTemplate, requireMeetingMember, templateVisibleTo } from "@/server/access/meetings";
import { BUILTIN_TEMPLATES, findBuiltinTemplate } from "@/server/meetings/builtin-templates";
import type { TemplateSection } from "@/server/meetings/template-types";
import { ConflictError, NotFoundError } from "@/server/errors";
import { recordAudit } from "@/server/audit/audit";

// Agenda templates: the built-in library (code), org templates (HR admins manage, everyone in
// the org uses) and personal templates (their owner only); who sees and edits which is decided
// in server/access/meetings.ts. A template is referred to as "builtin:<key>" or by its row id.

export type TemplateKind = "builtin" | "org" | "personal";

export interface TemplateView {
  ref: string;
  kind: TemplateKind;
  name: string;
  purpose: string;
  sections: TemplateSection[];
  editable: boolean;
}

const templateColumns = {
  id: agendaTemplates.id,
  ownerId: agendaTemplates.ownerId,
  name: agendaTemplates.name,
  purpose: agendaTemplates.purpose,
  sections: agendaTemplates.sections,
};

/** A stored template as the caller sees it: personal if it has an owner, editable as the access rules say. */
function rowView(actor: Actor, row: { id: string; ownerId: string | null; name: string; purpose: string; sections: TemplateSection[] }): TemplateView {
  return {
    ref: row.id,
    kind: row.ownerId ? "personal" : "org",
    name: row.name,
    purpose: row.purpose,
    sections: row.sections,
    editable: mayEditTemplate(actor, row),
  };
}

function builtinView(ref: string, builtin: { name: string; purpose: string; sections: TemplateSection[] }): TemplateView {
  return { ref, kind: "builtin", name: builtin.name, purpose: builtin.purpose, sections: builtin.sections, editable: false };
}

export async function listTemplates(db: Db, actor: Actor): Promise<TemplateView[]> {
  const rows = await db.select(templateColumns).from(agendaTemplates).where(templateVisibleTo(actor)).orderBy(asc(agendaTemplates.name));
  return [...BUILTIN_TEMPLATES.map((t) => builtinView(`builtin:${t.key}`, t)), ...rows.map((r) => rowView(actor, r))];
}

/** A template as the agenda's "Start from a template" lists it: what to choose by, not its items. */
export type TemplateChoice = Pick<TemplateView, "ref" | "kind" | "name" | "purpose">;

/**
 * The templates the caller may apply, as listTemplates lists them, without their sections: every
 * meeting page lists them, and the items (a few kB per template) are only needed to apply one.
 */
export async function listTemplateChoices(db: Db, actor: Actor): Promise<TemplateChoice[]> {
  return (await listTemplates(db, actor)).map(({ ref, kind, name, purpose }) => ({ ref, kind, name, purpose }));
}

async function findTemplate(db: Db, actor: Actor, ref: string): Promise<TemplateView> {
  if (ref.startsWith("builtin:")) {
    const builtin = findBuiltinTemplate(ref.slice("builtin:".length));
    if (!builtin) throw new NotFoundError();
    return builtinView(ref, builtin);
  }
  const [row] = await db
    .select(templateColumns)
    .from(agendaTemplates)
    .where(and(templateVisibleTo(actor), eq(agendaTemplates.id, ref)));
  if (!row) throw new NotFoundError();
  return rowView(actor, row);
}

export interface TemplateInput {
  name: string;
  purpose: string;
  sections: TemplateSection[];
}

/** Creates (no templateId) or replaces a template. Org templates: HR admins and owners only. */
export async function saveTemplate(db: Db, actor: Actor, input: TemplateInput & { templateId?: string; scope: "org" | "personal" }) {
  if (!mayCreateTemplate(actor, input.scope)) throw new NotFoundError();
  const values = { name: input.name.trim(), purpose: input.purpose.trim(), sections: input.sections, updatedAt: new Date() };
  return db.transaction(async (tx) => {
    if (input.templateId) {
      const existing = await findTemplate(tx, actor, input.templateId);
      if (!existing.editable || existing.kind !== input.scope) throw new NotFoundError();
      await tx
        .update(agendaTemplates)
        .set(values)
        .where(and(eq(agendaTemplates.orgId, actor.orgId), eq(agendaTemplates.id, existing.ref)));
      if (input.scope === "org") await recordAudit(tx, actor, "template.updated", { templateId: existing.ref, name: values.name });
      return { templateId: existing.ref };
    }
    const [row] = await tx
      .insert(agendaTemplates)
      .values({ ...values, orgId: actor.orgId, ownerId: input.scope === "personal" ? actor.personId : null, createdById: actor.personId })
      .returning({ id: agendaTemplates.id });
    if (input.scope === "org") await recordAudit(tx, actor, "template.created", { templateId: row!.id, name: values.name });
    return { templateId: row!.id };
  });
}

export async function deleteTemplate(db: Db, actor: Actor, input: { templateId: string }) {
  return db.transaction(async (tx) => {
    const existing = await findTemplate(tx, actor, input.templateId);
    if (!existing.editable || existing.kind === "builtin") throw new NotFoundError();
    await tx.delete(agendaTemplates).where(and(eq(agendaTemplates.orgId, actor.orgId), eq(agendaTemplates.id, existing.ref)));
    if (existing.kind === "org") await recordAudit(tx, actor, "template.deleted", { templateId: existing.ref, name: existing.name });
    return { deleted: true };
  });
}

export interface NewAgendaItem {
  text: string;
  detail: string | null;
  source: AgendaSource;
  sourceKey: string;
}

/** How agenda texts compare: an item already there under other case or spacing is not added again. */
export const normalizeAgendaText = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Appends items to a meeting's agenda, skipping any that is already there (same source key, or
 * the same text). Call inside a transaction that holds the meeting's row lock.
 */
export async function appendAgendaItems(tx: Db, orgId: string, meetingId: string, createdById: string, items: NewAgendaItem[]) {
  const existing = await tx
    .select({ text: agendaItems.text, sourceKey: agendaItems.sourceKey, position: agendaItems.position })
    .from(agendaItems)
    .where(and(eq(agendaItems.orgId, orgId), eq(agendaItems.meetingId, meetingId)));
  const keys = new Set(existing.flatMap((e) => (e.sourceKey ? [e.sourceKey] : [])));
  const texts = new Set(existing.map((e) => normalizeAgendaText(e.text)));
  let position = existing.reduce((max, e) => Math.max(max, e.position), -1);
  const fresh: (typeof agendaItems.$inferInsert)[] = [];
  for (const item of items) {
    if (keys.has(item.sourceKey) || texts.has(normalizeAgendaText(item.text))) continue;
    keys.add(item.sourceKey);
    texts.add(normalizeAgendaText(item.text));
    fresh.push({ orgId, meetingId, position: ++position, text: item.text, detail: item.detail, source: item.source, sourceKey: item.sourceKey, createdById });
  }
  if (fresh.length > 0) await tx.insert(agendaItems).values(fresh);
  return { added: fresh.length, skipped: items.length - fresh.length };
}

export function templateItems(template: Pick<TemplateView, "ref" | "sections">): NewAgendaItem[] {
  return template.sections.flatMap((section, s) =>
    section.items.map((item, i) => ({
      text: item.text,
      detail: item.prompt ?? null,
      source: "template" as const,
      sourceKey: `template:${template.ref}:${s}.${i}`,
    })),
  );
}

/** Adds a template's items to a meeting, without duplicating any already on its agenda. */
export async function applyTemplate(db: Db, actor: Actor, input: { meetingId: string; templateRef: string }) {
  return db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, input.meetingId, { lock: "update" });
    if (access.ended && access.meeting.startsAt > new Date()) throw new ConflictError("This pair has ended; its future 1:1s are cancelled.");
    const template = await findTemplate(tx, actor, input.templateRef);
    return appendAgendaItems(tx, access.orgId, access.meeting.id, actor.personId, templateItems(template));
  });
}
