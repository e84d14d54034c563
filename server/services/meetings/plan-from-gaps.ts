import type { Db } from "@/db/client";
import type { Actor } from "@/server/access/actor";
import { requireMeetingMember, requireMeetingPair } from "@/server/access/meetings";
import { findBuiltinTemplate } from "@/server/meetings/builtin-templates";
import { ConflictError } from "@/server/services/errors";
import { getPairDashboard } from "@/server/services/pairs/get-pair-dashboard";
import { syncPair } from "./schedule";
import { appendAgendaItems, templateItems, type NewAgendaItem } from "./templates";

/**
 * "Plan our next 1:1" from the pair dashboard: the revealed assessment's notable gaps (with the
 * dashboard's discussion prompts), blind spots, both sides' free-text topics, then the
 * post-assessment reflection template, appended to the pair's next meeting. Running it again
 * adds nothing twice.
 */
export async function planFromAssessment(db: Db, actor: Actor, input: { pairId: string; assessmentId?: string }, now = new Date()) {
  const pair = await requireMeetingPair(db, actor, input.pairId);
  const dashboard = await getPairDashboard(db, actor, input);
  const current = dashboard.current;
  if (!current) throw new ConflictError("There is no revealed assessment to plan from yet.");
  if (pair.ended) throw new ConflictError("This pair has ended; plan with your current manager instead.");
  const { next, series } = await syncPair(db, pair.orgId, pair.pairId, now);
  if (!next) throw new ConflictError("Set up your recurring 1:1 first: there is no upcoming meeting to add the agenda to.");

  const key = (what: string) => `assessment:${current.id}:${what}`;
  const items: NewAgendaItem[] = [];
  for (const d of current.analysis.dimensions) {
    if (!d.notable || !d.prompt) continue;
    items.push({ text: `${d.name}: we see it differently`, detail: d.prompt, source: "gap", sourceKey: key(`gap:${d.key}`) });
  }
  for (const b of current.analysis.blindSpots) {
    const who = b.predictedBy === "manager" ? dashboard.pair.manager.name : dashboard.pair.report.name;
    items.push({ text: `${b.name}: ${who}'s prediction missed`, detail: b.prompt, source: "blind_spot", sourceKey: key(`blind:${b.dimension}:${b.predictedBy}`) });
  }
  for (const side of ["employee", "manager"] as const) {
    const topic = current.topics[side]?.trim();
    if (!topic) continue;
    const who = side === "manager" ? dashboard.pair.manager.name : dashboard.pair.report.name;
    items.push({ text: topic.length > 200 ? `${topic.slice(0, 197)}…` : topic, detail: `A topic ${who} wants to talk about.`, source: "topic", sourceKey: key(`topic:${side}`) });
  }
  const reflection = findBuiltinTemplate("post-assessment-reflection")!;
  items.push(...templateItems({ ref: `builtin:${reflection.key}`, sections: reflection.sections }));

  return db.transaction(async (tx) => {
    const access = await requireMeetingMember(tx, actor, next.id, { lock: "update" });
    const result = await appendAgendaItems(tx, access.orgId, access.meeting.id, actor.personId, items);
    const timeZone = series.find((s) => s.id === next.seriesId)!.timeZone;
    return { meetingId: next.id, startsAt: next.startsAt, timeZone, ...result };
  });
}
