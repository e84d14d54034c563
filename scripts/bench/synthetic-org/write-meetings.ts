import type postgres from "postgres";
import { nextOccurrences, type SeriesRule } from "@/server/meetings/recurrence";
import { PLANNED_AHEAD } from "@/server/meetings/schedule";
import { copyRows, type CopyValue } from "./copy";
import { assertSameOccurrences, nextOccurrencesFast, occurrencesIn } from "./occurrences";
import type { World } from "./plan";
import { addDays, DAY, isoDate, maxDate } from "./random";
import type { Person } from "./tree";
import { ACTIONS, AGENDA, NOTES, ZONES } from "./vocabulary";

// 1:1s, as the app keeps them, and the few settings people and HR changed.

export interface WrittenMeetings {
  meetingSeries: number;
  meetings: number;
  agendaItems: number;
  actionItems: number;
}

/**
 * Most open pairs meet on a rule; meetings exist for the last few occurrences (with agendas,
 * notes and action items) and the next PLANNED_AHEAD + 1, as the app keeps them.
 */
export async function writeMeetings(tx: postgres.TransactionSql, w: World): Promise<WrittenMeetings> {
  const { rng, orgId, people, now, today } = w;
  const seriesRows: CopyValue[][] = [];
  const meetingRows: CopyValue[][] = [];
  const agendaRows: CopyValue[][] = [];
  const actionRows: CopyValue[][] = [];
  const sharedRows: CopyValue[][] = [];
  const privateRows: CopyValue[][] = [];
  const dayBack = new Date(now.getTime() - DAY);
  for (const pair of w.pairs) {
    const live = pair.endedAt === null;
    if (!rng.chance(live ? (pair.rhythm === "0" ? 0.1 : 0.72) : 0.4)) continue;
    const manager = people[pair.managerIdx]!;
    const report = people[pair.reportIdx]!;
    const frequency = pair.rhythm === "1" ? "monthly" : pair.rhythm === "2" ? "biweekly" : rng.weighted([["weekly", 0.8], ["biweekly", 0.2]] as const);
    const startsOn = maxDate(pair.startedAt, addDays(pair.endedAt ?? today, -rng.int(60, 400)));
    const endsOn = pair.endedAt ? addDays(pair.endedAt, -1) : null;
    if (endsOn && endsOn < startsOn) continue;
    const rule: SeriesRule = {
      frequency,
      weekday: rng.int(1, 5),
      weekOfMonth: frequency === "monthly" ? rng.pick([1, 2, 3, 4, -1]) : null,
      startTime: `${String(rng.int(8, 16)).padStart(2, "0")}:${rng.pick(["00", "30"])}`,
      timeZone: rng.pick(ZONES),
      durationMinutes: rng.pick([25, 30, 30, 45, 60]),
      startsOn: isoDate(startsOn),
      endsOn: endsOn ? isoDate(endsOn) : null,
      pausedFrom: live && rng.chance(0.02) ? isoDate(addDays(today, -rng.int(0, 30))) : null,
    };
    const seriesId = rng.uuid();
    const creator = rng.chance(0.8) ? manager : report;
    seriesRows.push([
      seriesId, orgId, pair.id, rule.frequency, rule.weekday, rule.weekOfMonth, rule.startTime, rule.timeZone, rule.durationMinutes,
      rule.startsOn, rule.endsOn, rule.pausedFrom, null, creator.id, startsOn, startsOn,
    ]);

    const back = rule.frequency === "monthly" ? 200 : rule.frequency === "biweekly" ? 90 : 45;
    const until = pair.endedAt ?? dayBack;
    const past = occurrencesIn(rule, addDays(until, -back), until).slice(-6);
    const upcoming = live ? nextOccurrencesFast(rule, dayBack, PLANNED_AHEAD + 1) : [];
    // The app plans meetings with recurrence.ts: check a sample of series against it.
    if (seriesRows.length < 200 || seriesRows.length % 97 === 0) {
      assertSameOccurrences("past", past, nextOccurrences(rule, addDays(until, -back), 12).filter((o) => o.startsAt < until).slice(-6), rule);
      if (live) assertSameOccurrences("upcoming", upcoming, nextOccurrences(rule, dayBack, PLANNED_AHEAD + 1), rule);
    }
    const seen = new Set(past.map((o) => o.occurrenceStart.getTime()));
    const nextMeeting = upcoming.find((o) => !seen.has(o.occurrenceStart.getTime()));
    const nextMeetingId = nextMeeting ? rng.uuid() : null;
    const openItems: { origin: string; text: string; owner: string; due: string; createdBy: string; at: Date }[] = [];
    for (const o of past) {
      const id = rng.uuid();
      const skipped = rng.chance(0.04);
      const moved = !skipped && rng.chance(0.03);
      const startsAt = moved ? new Date(o.startsAt.getTime() + DAY) : o.startsAt;
      const endsAt = new Date(startsAt.getTime() + rule.durationMinutes * 60_000);
      meetingRows.push([id, orgId, pair.id, seriesId, o.occurrenceStart, startsAt, endsAt, skipped ? "skipped" : "scheduled", addDays(o.startsAt, -7)]);
      if (skipped) continue;
      const items = rng.int(0, 4);
      for (let i = 0; i < items; i++) {
        const template = rng.chance(0.1);
        agendaRows.push([
          rng.uuid(), orgId, id, i, rng.pick(AGENDA), null, template ? "template" : "person", template ? `template:weekly-check-in:${i}` : null,
          rng.chance(0.5) ? manager.id : report.id, rng.chance(0.8) ? endsAt : null, addDays(startsAt, -2), addDays(startsAt, -2),
        ]);
      }
      if (rng.chance(0.35)) sharedRows.push([id, orgId, rng.pick(NOTES), rng.int(1, 5), rng.chance(0.5) ? manager.id : report.id, endsAt]);
      if (rng.chance(0.1)) privateRows.push([orgId, id, rng.chance(0.5) ? manager.id : report.id, "Remember to follow up on this.", endsAt]);
      if (rng.chance(0.45)) {
        for (let i = rng.int(1, 2); i > 0; i--) {
          const owner = rng.chance(0.6) ? report.id : manager.id;
          const text = rng.pick(ACTIONS);
          const due = isoDate(addDays(startsAt, rng.int(3, 14)));
          const createdBy = rng.chance(0.5) ? manager.id : report.id;
          if (rng.chance(0.75) || !nextMeetingId) {
            actionRows.push([rng.uuid(), orgId, pair.id, id, id, text, owner, due, rng.chance(0.75) ? addDays(endsAt, rng.int(1, 6)) : null, createdBy, endsAt, endsAt]);
          } else {
            openItems.push({ origin: id, text, owner, due, createdBy, at: endsAt });
          }
        }
      }
    }
    for (const o of upcoming) {
      if (seen.has(o.occurrenceStart.getTime())) continue;
      const id = o === nextMeeting ? nextMeetingId! : rng.uuid();
      meetingRows.push([id, orgId, pair.id, seriesId, o.occurrenceStart, o.startsAt, o.endsAt, "scheduled", addDays(o.startsAt, -28)]);
      if (o === nextMeeting && rng.chance(0.3)) {
        agendaRows.push([rng.uuid(), orgId, id, 0, rng.pick(AGENDA), null, "person", null, rng.chance(0.5) ? manager.id : report.id, null, dayBack, dayBack]);
      }
    }
    // Open action items wait on the next meeting, as carry-over leaves them.
    for (const item of openItems) {
      actionRows.push([rng.uuid(), orgId, pair.id, nextMeetingId, item.origin, item.text, item.owner, item.due, null, item.createdBy, item.at, item.at]);
    }
  }
  const meetingSeries = await copyRows(
    tx,
    "meeting_series",
    ["id", "org_id", "pair_id", "frequency", "weekday", "week_of_month", "start_time", "time_zone", "duration_minutes", "starts_on", "ends_on", "paused_from", "previous_series_id", "created_by_id", "created_at", "updated_at"],
    seriesRows,
  );
  const meetings = await copyRows(tx, "meetings", ["id", "org_id", "pair_id", "series_id", "occurrence_start", "starts_at", "ends_at", "status", "created_at"], meetingRows);
  const agendaItems = await copyRows(
    tx,
    "agenda_items",
    ["id", "org_id", "meeting_id", "position", "text", "detail", "source", "source_key", "created_by_id", "done_at", "created_at", "updated_at"],
    agendaRows,
  );
  await copyRows(tx, "shared_notes", ["meeting_id", "org_id", "body", "version", "updated_by_id", "updated_at"], sharedRows);
  await copyRows(tx, "private_notes", ["org_id", "meeting_id", "author_id", "body", "updated_at"], privateRows);
  const actionItems = await copyRows(
    tx,
    "action_items",
    ["id", "org_id", "pair_id", "meeting_id", "origin_meeting_id", "text", "owner_id", "due_on", "done_at", "created_by_id", "created_at", "updated_at"],
    actionRows,
  );
  return { meetingSeries, meetings, agendaItems, actionItems };
}

/** Meeting preferences of the few who changed them, and some agenda templates. */
export async function writePreferencesAndTemplates(tx: postgres.TransactionSql, w: World, hr: Person): Promise<void> {
  const { rng, orgId, people, today, founded, managers } = w;
  await copyRows(
    tx,
    "meeting_preferences",
    ["person_id", "org_id", "reminder_minutes", "assessment_digest", "updated_at"],
    people.filter(() => rng.chance(0.06)).map((p) => [p.id, orgId, rng.pick([60, 120, 1440, 2880, null]), rng.chance(0.1) ? "off" : "weekly", addDays(today, -rng.int(1, 300))]),
  );
  const sections = (title: string) => JSON.stringify([{ title, items: [{ text: "What went well", prompt: "What should we keep doing?" }, { text: "What to change", prompt: "What would you do differently?" }] }]);
  await copyRows(
    tx,
    "agenda_templates",
    ["id", "org_id", "owner_id", "name", "purpose", "sections", "created_by_id", "created_at", "updated_at"],
    [
      [rng.uuid(), orgId, null, "Quarterly priorities review", "Agree on the few things that matter most this quarter.", sections("Priorities"), hr.id, founded, founded],
      [rng.uuid(), orgId, null, "Project retrospective", "Look back on a finished project together.", sections("Retrospective"), hr.id, founded, founded],
      ...managers.filter(() => rng.chance(0.03)).map((m) => [rng.uuid(), orgId, people[m]!.id, "My team check-in", "How I like to run my 1:1s.", sections("Check-in"), people[m]!.id, founded, founded] as const),
    ],
  );
}
