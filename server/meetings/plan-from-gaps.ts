import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agendaItems } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { requireMeetingMember } from "@/server/access/meetings";
import { requirePairMember } from "@/server/access/pairs";
import { findBuiltinTemplate } from "@/server/meetings/builtin-templates";
import { ConflictError, InvalidInputError } from "@/server/errors";
import { getPairDashboard } from "@/server/pairs/get-pair-dashboard";
import { readSchedule } from "./schedule";
import { appendAgendaItems, normalizeAgendaText, templateItems, type NewAgendaItem } from "./templates";

/** How many items "Plan our next 1:1" proposes by default: a 30-minute 1:1 holds about this many. */
export const RECOMMENDED_PLAN_ITEMS = 5;

export interface PlanCandidate extends NewAgendaItem {
  /** Pre-selected: among the largest gaps and blind spots, then the topics, at most RECOMMENDED_PLAN_ITEMS. */
  recommended: boolean;
  /** Already on the next meeting's agenda (by this plan or by hand): adding it again adds nothing. */
  onAgenda: boolean;
}

/**
 * What "Plan our next 1:1" can add from a revealed assessment: its notable gaps (with the
 * dashboard's discussion prompts) and blind spots, largest first, both sides' free-text topics,
 * then the post-assessment reflection template. The largest few gaps and blind spots (then the
 * topics) are recommended, so that a 30-minute meeting is not handed thirteen items at once.
 */
async function planCandidates(db: Db, actor: Actor, input: { pairId: string; assessmentId?: string }, now: Date) {
  const pair = await requirePairMember(db, actor, input.pairId);
  const dashboard = await getPairDashboard(db, actor, input);
  const current = dashboard.current;
  if (!current) throw new ConflictError("There is no revealed assessment to plan from yet.");
  if (pair.ended) throw new ConflictError("This pair has ended; plan with your current manager instead.");
  const { next, series } = await readSchedule(db, pair.orgId, pair.pairId, now);
  if (!next) throw new ConflictError("Set up your recurring 1:1 first: there is no upcoming meeting to add the agenda to.");

  const key = (what: string) => `assessment:${current.id}:${what}`;
  const differences: (NewAgendaItem & { size: number })[] = [];
  for (const d of current.analysis.dimensions) {
    if (!d.notable || !d.prompt || d.gap === null) continue;
    differences.push({ text: `${d.name}: we see it differently`, detail: d.prompt, source: "gap", sourceKey: key(`gap:${d.key}`), size: Math.abs(d.gap) });
  }
  for (const b of current.analysis.blindSpots) {
    const who = b.predictedBy === "manager" ? dashboard.pair.manager.name : dashboard.pair.report.name;
    differences.push({
      text: `${b.name}: ${who}'s prediction missed`,
      detail: b.prompt,
      source: "blind_spot",
      sourceKey: key(`blind:${b.dimension}:${b.predictedBy}`),
      size: Math.abs(b.miss),
    });
  }
  // Largest first; equal sizes keep the dashboard's order (sort is stable).
  differences.sort((a, b) => b.size - a.size);
  const topics: NewAgendaItem[] = [];
  for (const side of ["employee", "manager"] as const) {
    const topic = current.topics[side]?.trim();
    if (!topic) continue;
    const who = side === "manager" ? dashboard.pair.manager.name : dashboard.pair.report.name;
    topics.push({
      text: topic.length > 200 ? `${topic.slice(0, 197)}…` : topic,
      detail: `A topic ${who} wants to talk about.`,
      source: "topic",
      sourceKey: key(`topic:${side}`),
    });
  }
  const reflection = findBuiltinTemplate("post-assessment-reflection")!;
  const reflectionItems = templateItems({ ref: `builtin:${reflection.key}`, sections: reflection.sections });

  const existing = await db
    .select({ text: agendaItems.text, sourceKey: agendaItems.sourceKey })
    .from(agendaItems)
    .where(and(eq(agendaItems.orgId, pair.orgId), eq(agendaItems.meetingId, next.id)));
  const keys = new Set(existing.flatMap((e) => (e.sourceKey ? [e.sourceKey] : [])));
  const texts = new Set(existing.map((e) => normalizeAgendaText(e.text)));

  const recommendable = [...differences.map(({ size: _size, ...item }) => item), ...topics];
  const candidates: PlanCandidate[] = [...recommendable, ...reflectionItems].map((item, index) => ({
    ...item,
    recommended: index < Math.min(RECOMMENDED_PLAN_ITEMS, recommendable.length),
    onAgenda: keys.has(item.sourceKey) || texts.has(normalizeAgendaText(item.text)),
  }));
  const timeZone = series.find((s) => s.id === next.seriesId)!.timeZone;
  return { next, timeZone, candidates };
}

/** The preview: what planning would add, what is recommended, what is already there, and where it would go. */
export async function previewPlan(db: Db, actor: Actor, input: { pairId: string; assessmentId?: string }, now = new Date()) {
  const { next, timeZone, candidates } = await planCandidates(db, actor, input, now);
  return {
    meeting: { id: next.id, startsAt: next.startsAt, timeZone },
    candidates: candidates.map(({ text, detail, source, sourceKey, recommended, onAgenda }) => ({
      key: sourceKey,
      text,
      detail,
      source,
      recommended,
      onAgenda,
    })),
  };
}

/**
 * "Plan our next 1:1" from the pair dashboard: appends the chosen candidates (`keys`, from the
 * preview; every candidate when omitted) to the pair's next meeting. Running it again adds
 * nothing twice.
 */
export async function planFromAssessment(db: Db, actor: Actor, input: { pairId: string; assessmentId?: string; keys?: string[] }, now = new Date()) {
  const { next, timeZone, candidates } = await planCandidates(db, actor, input, now);
  let items: NewAgendaItem[] = candidates;
  if (input.keys) {
    const chosen = new Set(input.keys);
    items = candidates.filter((c) => chosen.has(c.sourceKey));
    // A key from another assessment, or one the preview never offered: say so rather than add less than asked.
    if (items.length !== chosen.size)
      throw new InvalidInputError("Some of the chosen items are no longer part of this assessment's plan. Reload the page and choose again.");
  }
  const added = items.map(({ text, detail, source, sourceKey }) => ({ text, detail, source, sourceKey }));

  return db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, next.id, { lock: "update" });
    const result = await appendAgendaItems(tx, access.orgId, access.meeting.id, actor.personId, added);
    return { meetingId: next.id, startsAt: next.startsAt, timeZone, ...result };
  });
}
