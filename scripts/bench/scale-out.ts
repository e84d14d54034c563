import type postgres from "postgres";
import { SIGN_IN_PER_EMAIL_AND_CLIENT } from "@/server/auth/rate-limit";
import type { Person } from "./actors";
import { mergeCookies, sleep, type BenchServer } from "./servers";

// Two app servers on one Postgres behave as one: a session made on one works on the other,
// rate limits are counted across both, and a reminder both servers plan goes out once.

export interface PlantedReminder {
  seriesId: string;
  pairId: string;
  people: Person[];
  startsAt: Date;
}

/**
 * A weekly 1:1 whose next meeting starts in about two hours, for a pair that had none, planted
 * before the servers start: both servers' first reminder sweep plans its reminders (due at
 * once, the default lead being a day) and both workers race to send them.
 */
export async function plantReminder(sql: postgres.Sql, orgId: string, now = new Date()): Promise<PlantedReminder> {
  const [pair] = await sql<{ id: string; managerId: string; reportId: string }[]>`
    select p.id, p.manager_id as "managerId", p.report_id as "reportId" from pairs p
    join people m on m.org_id = p.org_id and m.id = p.manager_id
    join people r on r.org_id = p.org_id and r.id = p.report_id
    where p.org_id = ${orgId} and p.ended_at is null and m.deactivated_at is null and r.deactivated_at is null
      and not exists (select 1 from meeting_series s where s.org_id = p.org_id and s.pair_id = p.id)
      and not exists (select 1 from meeting_preferences mp where mp.person_id in (p.manager_id, p.report_id))
    order by p.id limit 1`;
  if (!pair) throw new Error("no pair without a 1:1 series to plant a reminder on");
  const at = new Date(Math.ceil((now.getTime() + 2 * 3600_000) / 1800_000) * 1800_000);
  const weekday = ((at.getUTCDay() + 6) % 7) + 1;
  const time = at.toISOString().slice(11, 16);
  const [series] = await sql<{ id: string }[]>`
    insert into meeting_series (org_id, pair_id, frequency, weekday, start_time, time_zone, duration_minutes, starts_on, created_by_id)
    values (${orgId}, ${pair.id}, 'weekly', ${weekday}, ${time}, 'Etc/UTC', 30, ${at.toISOString().slice(0, 10)}, ${pair.managerId})
    returning id`;
  const people = await sql<Person[]>`select id, email, name from people where org_id = ${orgId} and id in (${pair.managerId}, ${pair.reportId})`;
  return { seriesId: series!.id, pairId: pair.id, people: [...people], startsAt: at };
}

export interface WorkerCatchUp {
  /** Whether the workers went idle within the time allowed. */
  caughtUp: boolean;
  /** From the servers' start until no job is due and the database is idle (or the wait gave up). */
  seconds: number;
  jobs: Record<string, number>;
  outboxEmails: number;
}

/**
 * Waits until the servers' workers have done their first sweep and sent everything due: the
 * planted meeting exists, no job is due, and no other connection is busy, three polls in a row.
 */
export async function waitForWorkers(sql: postgres.Sql, planted: PlantedReminder, since: number, timeoutS: number): Promise<WorkerCatchUp> {
  let quiet = 0;
  let caughtUp = true;
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const [state] = await sql<{ due: number; busy: number; planned: number }[]>`
      select (select count(*)::int from jobs where finished_at is null and run_at <= now()) as due,
             (select count(*)::int from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()) as busy,
             (select count(*)::int from jobs where key like ${`meeting-reminder:%`} and payload->>'pairId' = ${planted.pairId}) as planned`;
    quiet = state!.due === 0 && state!.busy === 0 && state!.planned > 0 ? quiet + 1 : 0;
    if (quiet >= 3) break;
    if (Date.now() > deadline) {
      caughtUp = false;
      break;
    }
    await sleep(1000);
  }
  const seconds = Math.round((Date.now() - since) / 100) / 10;
  const jobs = Object.fromEntries(
    (await sql<{ k: string; n: number }[]>`select kind || ':' || coalesce(outcome, 'pending') as k, count(*)::int as n from jobs group by 1 order by 1`).map((r) => [r.k, r.n]),
  );
  const [outbox] = await sql<{ n: number }[]>`select count(*)::int as n from outbox_emails`;
  return { caughtUp, seconds, jobs, outboxEmails: outbox!.n };
}

export interface ScaleOutResult {
  sessionsWorkOnEither: boolean;
  rateLimitHolds: { ok: boolean; requests: number; emailsSent: number; limit: number };
  reminderOnce: { ok: boolean; emailsPerPerson: Record<string, number> };
  duplicateEmails: number;
  problems: string[];
}

/** Asks `server` for a sign-in link as a browser without script does: the sign-in form's own fields. */
async function requestSignInLink(server: string, email: string): Promise<void> {
  const html = await (await fetch(`${server}/sign-in`)).text();
  const form = /<form[^>]*>((?:(?!<\/form>)[\s\S])*name="email"[\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
  const body = new FormData();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) body.set(name!, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  body.set("email", email);
  body.set("callbackUrl", "/");
  // With the Origin a browser sends: a server action refuses a post without it (server/security/action-origin.ts).
  const res = await fetch(`${server}/sign-in`, { method: "POST", redirect: "manual", body, headers: { origin: server } });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`asking ${server} for a sign-in link answered ${res.status}`);
}

/** Sessions and rate limits across the two servers. */
export async function checkSessionsAndLimits(sql: postgres.Sql, servers: readonly [BenchServer, BenchServer], who: { signIn: Person; limited: Person }): Promise<ScaleOutResult> {
  const [a, b] = servers;
  const problems: string[] = [];

  // A session made on A (by the emailed link, opened on B) works on both.
  let sessionsWorkOnEither = false;
  try {
    await requestSignInLink(a.url, who.signIn.email);
    const [mail] = await sql<{ text: string }[]>`select text from outbox_emails where "to" = ${who.signIn.email} order by created_at desc limit 1`;
    const link = mail && /https?:\/\/[^\s]+\/sign-in\/link\?[^\s]+/.exec(mail.text)?.[0];
    if (!link) throw new Error("no sign-in link reached the outbox");
    // Opened on B: the link's page, then its button (a POST from B's own page), then the
    // hand-off to /sign-in/continue, which starts the session.
    const onB = new URL(link);
    const callback = await fetch(`${b.url}/api/auth/callback/email${onB.search}`, { method: "POST", redirect: "manual", headers: { origin: b.url } });
    await callback.arrayBuffer();
    const location = callback.headers.get("location");
    if (!location?.includes("/sign-in/continue")) throw new Error(`pressing "Sign in" on ${b.url} answered ${callback.status} to ${location}`);
    const next = await fetch(new URL(location, b.url), { redirect: "manual", headers: { cookie: mergeCookies("", callback) } });
    await next.arrayBuffer();
    const cookie = mergeCookies("", next);
    if (!cookie.includes("tandem.session")) throw new Error(`opening the link on ${b.url} set no session (status ${next.status})`);
    for (const server of servers) {
      const session = (await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()) as { personId?: string } | null;
      if (session?.personId !== who.signIn.id) throw new Error(`${server.url} does not know the session: ${JSON.stringify(session)}`);
      const me = await fetch(`${server.url}/api/trpc/me.get`, { headers: { cookie } });
      await me.arrayBuffer();
      if (me.status !== 200) throw new Error(`${server.url}/api/trpc/me.get answered ${me.status} with the session`);
    }
    sessionsWorkOnEither = true;
  } catch (err) {
    problems.push(`sessions: ${err instanceof Error ? err.message : String(err)}`);
  }

  // The per-address limit counts requests on both servers together.
  const requests = SIGN_IN_PER_EMAIL_AND_CLIENT.limit + 3;
  for (let i = 0; i < requests; i++) await requestSignInLink(servers[i % 2]!.url, who.limited.email);
  const [sent] = await sql<{ n: number }[]>`select count(*)::int as n from outbox_emails where "to" = ${who.limited.email}`;
  const rateLimitHolds = { ok: sent!.n === SIGN_IN_PER_EMAIL_AND_CLIENT.limit, requests, emailsSent: sent!.n, limit: SIGN_IN_PER_EMAIL_AND_CLIENT.limit };
  if (!rateLimitHolds.ok) problems.push(`rate limit: ${requests} requests over two servers sent ${sent!.n} links, the limit is ${SIGN_IN_PER_EMAIL_AND_CLIENT.limit}`);
  return { sessionsWorkOnEither, rateLimitHolds, reminderOnce: { ok: false, emailsPerPerson: {} }, duplicateEmails: 0, problems };
}

/** Waits until both reminders of the planted meeting have been handled (or `timeoutS` passed). */
export async function waitForPlanted(sql: postgres.Sql, planted: PlantedReminder, timeoutS: number): Promise<boolean> {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from jobs where kind = 'meeting.reminder' and finished_at is not null
        and payload->>'pairId' = ${planted.pairId} and (payload->>'startsAt')::timestamptz = ${planted.startsAt.toISOString()}::timestamptz`;
    if (row!.n >= planted.people.length) return true;
    if (Date.now() > deadline) return false;
    await sleep(2000);
  }
}

/** The planted reminder went out once per person, and no email at all went out twice. Call once the workers are idle. */
export async function checkReminders(sql: postgres.Sql, planted: PlantedReminder, result: ScaleOutResult): Promise<ScaleOutResult> {
  const problems = [...result.problems];
  // The planted 1:1's reminder: once per person, though both servers planned it.
  const meetings = await sql<{ id: string }[]>`select id from meetings where series_id = ${planted.seriesId} and starts_at = ${planted.startsAt.toISOString()}::timestamptz`;
  const emailsPerPerson: Record<string, number> = {};
  for (const person of planted.people) {
    const [row] = meetings[0]
      ? await sql<{ n: number }[]>`select count(*)::int as n from outbox_emails where "to" = ${person.email} and text like ${`%/meetings/${meetings[0].id}%`}`
      : [{ n: 0 }];
    emailsPerPerson[person.email] = row!.n;
  }
  const reminderOnce = { ok: meetings.length === 1 && Object.values(emailsPerPerson).every((n) => n === 1), emailsPerPerson };
  if (!reminderOnce.ok) problems.push(`reminder: ${meetings.length} meeting rows, emails per person ${JSON.stringify(emailsPerPerson)} (expected one each)`);

  // Nothing at all went out twice (sign-in links carry a fresh token, so they never match).
  const [dup] = await sql<{ n: number }[]>`select count(*)::int as n from (select 1 from outbox_emails group by "to", subject, text having count(*) > 1) d`;
  if (dup!.n > 0) problems.push(`${dup!.n} emails went out more than once`);
  return { ...result, reminderOnce, duplicateEmails: dup!.n, problems };
}
