import { and, eq, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "@/db/client";
import { actionItems, agendaItems, agendaTemplates, meetingSeries, pairs, people, sharedNotes } from "@/db/schema";
import { nextOccurrences } from "@/server/meetings/recurrence";
import { ensureMeeting, ruleOf } from "@/server/meetings/schedule";

// The showcase pair's 1:1s, relative to the day the demo is seeded: Aisha Bello and Ben Carter
// meet weekly on a working day; their last 1:1 (a few days ago) has notes, a done and an open
// action item, and the next one (in two to four days) already has an agenda item. The open item carries over to it the first
// time anyone looks. Also one organization template, made by the HR admin.

const ZONE = "Europe/London";

/** The demo pair's next 1:1: two days after the seed day, or the Monday after if that is a weekend. */
export function demoMeetingDay(today: DateTime): DateTime {
  let day = today.plus({ days: 2 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day;
}

export async function seedDemoMeetings(tx: Db, orgId: string, emails: { managerEmail: string; reportEmail: string; hrEmail: string }, now = new Date()) {
  const personId = async (email: string) => {
    const [row] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.email, email)));
    if (!row) throw new Error(`demo person ${email} missing`);
    return row.id;
  };
  const managerId = await personId(emails.managerEmail);
  const reportId = await personId(emails.reportEmail);
  const hrId = await personId(emails.hrEmail);
  const [pair] = await tx
    .select({ id: pairs.id })
    .from(pairs)
    .where(and(eq(pairs.orgId, orgId), eq(pairs.managerId, managerId), eq(pairs.reportId, reportId), isNull(pairs.endedAt)));
  if (!pair) throw new Error("demo showcase pair missing");
  const existing = await tx
    .select({ id: meetingSeries.id })
    .from(meetingSeries)
    .where(and(eq(meetingSeries.orgId, orgId), eq(meetingSeries.pairId, pair.id)));
  if (existing.length > 0) return;

  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf("day");
  const nextDay = demoMeetingDay(today);
  const [series] = await tx
    .insert(meetingSeries)
    .values({
      orgId,
      pairId: pair.id,
      frequency: "weekly",
      weekday: nextDay.weekday,
      weekOfMonth: null,
      startTime: "10:00",
      timeZone: ZONE,
      durationMinutes: 30,
      startsOn: today.minus({ days: 19 }).toISODate()!,
      createdById: managerId,
    })
    .returning();
  const [last] = nextOccurrences(ruleOf(series!), today.minus({ days: 6 }).toJSDate(), 1);
  const [next] = nextOccurrences(ruleOf(series!), today.plus({ days: 1 }).toJSDate(), 1);
  const lastMeeting = await ensureMeeting(tx, series!, last!);
  const nextMeeting = await ensureMeeting(tx, series!, next!);

  await tx.insert(agendaItems).values([
    { orgId, meetingId: lastMeeting.id, position: 0, text: "Release retro: what slowed us down", createdById: reportId, doneAt: lastMeeting.endsAt },
    { orgId, meetingId: lastMeeting.id, position: 1, text: "On-call load on the team", createdById: managerId, doneAt: lastMeeting.endsAt },
    {
      orgId,
      meetingId: nextMeeting.id,
      position: 0,
      text: "Tech lead path: what would it take?",
      detail: "Ben added this after our last talk.",
      createdById: reportId,
    },
  ]);
  await tx.insert(sharedNotes).values({
    orgId,
    meetingId: lastMeeting.id,
    body: "Release slipped two days because review queues piled up on Thursday.\nAgreed to try a review rota for the next sprint.",
    version: 1,
    updatedById: managerId,
    updatedAt: lastMeeting.endsAt,
  });
  await tx.insert(actionItems).values([
    {
      orgId,
      pairId: pair.id,
      meetingId: lastMeeting.id,
      originMeetingId: lastMeeting.id,
      text: "Draft a code review rota",
      ownerId: reportId,
      dueOn: nextDay.toISODate(),
      createdById: managerId,
    },
    {
      orgId,
      pairId: pair.id,
      meetingId: lastMeeting.id,
      originMeetingId: lastMeeting.id,
      text: "Share the on-call numbers with Daniel",
      ownerId: managerId,
      createdById: managerId,
      doneAt: lastMeeting.endsAt,
    },
  ]);

  await tx.insert(agendaTemplates).values({
    orgId,
    ownerId: null,
    name: "Quarterly priorities review",
    purpose: "Use at the start of each quarter to agree on the few things that matter most.",
    sections: [
      {
        title: "Looking back",
        items: [
          { text: "What we said we'd do last quarter", prompt: "Which of last quarter's priorities moved the most, and which stalled?" },
          { text: "What got in the way", prompt: "What would you change about how we worked last quarter?" },
        ],
      },
      {
        title: "Looking ahead",
        items: [
          { text: "Top three priorities", prompt: "If only three things got done this quarter, which should they be?" },
          { text: "Support needed", prompt: "What do you need from me to make them happen?" },
        ],
      },
    ],
    createdById: hrId,
  });
}
