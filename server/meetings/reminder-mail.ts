import { DateTime } from "luxon";
import type { Mail } from "@/server/mail";
import { button, escapeHtml, footnote, layout, link, list, paragraph } from "@/server/mail/layout";
import { callName, type PersonName } from "@/server/people/call-name";

// Reminder emails (server/meetings/reminders.ts). What people typed (agenda items, names, cycle
// names) goes into the HTML only through escapeHtml. They never carry private notes, shared
// notes or assessment answers: only what both recipients of a 1:1 already see on its page, or,
// for the digest, that something is waiting.

/**
 * "today at 10:00", "tomorrow at 10:00" or "on Tuesday 14 April at 10:00", in the series' zone,
 * relative to when the email is sent (a retried reminder still says the right day).
 */
export function meetingWhen(startsAt: Date, now: Date, timeZone: string): string {
  const start = DateTime.fromJSDate(startsAt, { zone: timeZone });
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round(start.startOf("day").diff(DateTime.fromJSDate(now, { zone: timeZone }).startOf("day"), "days").days);
  const time = start.toFormat("HH:mm");
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${start.setLocale("en").toFormat("cccc d LLLL")} at ${time}`;
}

export interface MeetingReminderInput {
  to: string;
  recipient: PersonName;
  other: PersonName;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** When the email goes out, for "today" / "tomorrow". */
  now: Date;
  /** Agenda item texts in their order on the meeting page. */
  agenda: string[];
  openActionItems: number;
  meetingUrl: string;
}

export function meetingReminderMail(input: MeetingReminderInput): Mail {
  const when = `${meetingWhen(input.startsAt, input.now, input.timeZone)} (${input.timeZone})`;
  const until = DateTime.fromJSDate(input.endsAt, { zone: input.timeZone }).toFormat("HH:mm");
  const subject = `Your 1:1 with ${callName(input.other)} ${when}`;
  const intro = `Your 1:1 with ${input.other.name} is ${when}, until ${until}.`;
  const actions =
    input.openActionItems === 0 ? null : `${input.openActionItems} open action item${input.openActionItems === 1 ? " is" : "s are"} waiting on this meeting.`;
  const emptyAgenda = "Nothing is on the agenda yet. Add what you would like to talk about, so you both can prepare.";
  const footer = "You get this reminder before each of your 1:1s. You can change when, or turn it off, in your meeting preferences in Tandem.";

  const text = [
    `Hi ${callName(input.recipient)},`,
    intro,
    input.agenda.length ? `Agenda so far:\n${input.agenda.map((item, i) => `${i + 1}. ${item}`).join("\n")}` : emptyAgenda,
    actions,
    `Open the meeting: ${input.meetingUrl}`,
    footer,
  ]
    .filter((part): part is string => part !== null)
    .join("\n\n");

  const html = layout(subject, [
    paragraph(`Hi ${callName(input.recipient)},`),
    paragraph(intro),
    input.agenda.length ? list(input.agenda.map(escapeHtml), { ordered: true, heading: "Agenda so far" }) : paragraph(emptyAgenda),
    actions ? paragraph(actions) : "",
    button(input.meetingUrl, "Open the meeting"),
    footnote(footer),
  ]);

  return { to: input.to, subject, text, html };
}

export interface DigestItem {
  /** The cycle's name, or "Pair check-in". */
  title: string;
  otherName: string;
  dueOn: string | null;
  url: string;
}

export function assessmentDigestMail(input: { to: string; recipient: PersonName; items: DigestItem[] }): Mail {
  const count = input.items.length;
  const subject = count === 1 ? "An assessment is waiting for your answers" : `${count} assessments are waiting for your answers`;
  const intro = `${count === 1 ? "This assessment is" : "These assessments are"} still open and waiting for your side. Your answers are saved as you go, and neither of you sees the other's answers until you have both submitted.`;
  const line = (item: DigestItem) => `${item.title}, with ${item.otherName}${item.dueOn ? ` (open until ${item.dueOn})` : ""}`;
  const footer = "You get this summary once a week while something is waiting. You can turn it off in your meeting preferences in Tandem.";

  const text = [`Hi ${callName(input.recipient)},`, intro, input.items.map((item) => `- ${line(item)}: ${item.url}`).join("\n"), footer].join("\n\n");
  const html = layout(subject, [
    paragraph(`Hi ${callName(input.recipient)},`),
    paragraph(intro),
    list(input.items.map((item) => link(item.url, line(item)))),
    footnote(footer),
  ]);

  return { to: input.to, subject, text, html };
}
