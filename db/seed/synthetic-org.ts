import { once } from "node:events";
import { finished } from "node:stream/promises";
import { DateTime } from "luxon";
import type postgres from "postgres";
import { missingAnswers, validateChanges, type Answers } from "@/server/assessment/answers";
import { CANT_SAY, getItemBank, predictionKey, type DimensionKey, type Side } from "@/server/assessment/item-bank";
import { lastLocalDate, nextOccurrences, zonedInstant, type Occurrence, type SeriesRule } from "@/server/meetings/recurrence";
import { PLANNED_AHEAD } from "@/server/services/meetings/schedule";

// A large synthetic organization for benchmarks (`npm run db:synthetic`, `npm run bench`).
//
// Shape: one CEO, a head per function, then a management tree grown by expanding a random
// manager of the frontier at a time, so span (1–25) and depth (4–10) vary between branches as
// in a real company. Every subtree at the level two or three below the CEO (whichever gives
// about 90 people per department) is a department, so departments range from a handful of
// people (below the anonymity threshold) to several hundred. Some people
// changed manager (an ended pair keeps their earlier assessments) and a few left.
//
// Answers follow the same ideas as the demo history (db/seed/demo-history.ts), at scale: each
// pair has a latent relationship quality made of department, manager and pair effects plus a
// drift per cycle; the two sides share it (correlated, r ≈ .4) and managers rate about a third
// of a point higher; a minority of pairs are "disconnected" with large trust and goals gaps;
// some answers are "can't say", some sides never submitted. Every submitted response is checked
// against the item bank's rules (server/assessment/answers.ts). The latest cycle is still open,
// so autosave has drafts to write to.
//
// Rows are written with COPY in one transaction: 20,000 people × 8 cycles (≈ 1 million rows)
// loads in about a minute on two cores. The organization's slug starts with "bench-", which is
// how the benchmark recognizes a database that holds nothing but benchmark data.

export const BENCH_SLUG_PREFIX = "bench-";
export const BENCH_EMAIL_DOMAIN = "bench.example";
const BANK_VERSION = 1;
const DAY = 86_400_000;

export interface SyntheticOrgOptions {
  /** People in the organization, leavers included (default 20,000). */
  people?: number;
  /** Quarterly assessment cycles; the last one is open (default 8). */
  cycles?: number;
  /** Seed of the pseudo-random generator: the same seed gives the same organization. */
  seed?: number;
  /** "Today" for the data: cycles and meetings are placed relative to it. */
  now?: Date;
  /**
   * The reporting tree: "tree" (default) a realistic organization; "chain" each person the
   * manager of the next (a reporting line as deep as the organization); "flat" one manager
   * with everyone else reporting to them. The last two are the shapes that make a cost grow
   * with depth or span; they have no leavers and no changes of manager, so the shape is exact.
   */
  shape?: SyntheticShape;
  /**
   * Everyone was there before the first cycle, and every pair of a closed cycle answered on both
   * sides (the worst case for the anonymity rules' work).
   */
  everyoneAnswers?: boolean;
  log?: (message: string) => void;
}

export interface SyntheticOrgSummary {
  orgId: string;
  slug: string;
  people: number;
  departments: number;
  pairs: number;
  cycles: number;
  assessments: number;
  responses: number;
  meetingSeries: number;
  meetings: number;
  agendaItems: number;
  actionItems: number;
  maxDepth: number;
  maxSpan: number;
  seconds: number;
}

export type SyntheticShape = "tree" | "chain" | "flat";

/** The slug that names an organization generated with these parameters. */
export function syntheticSlug(people: number, cycles: number, seed: number, shape: SyntheticShape = "tree", everyoneAnswers = false): string {
  return `${BENCH_SLUG_PREFIX}${shape === "tree" ? "" : `${shape}-`}${everyoneAnswers ? "all-" : ""}${people}p-${cycles}c-s${seed}`;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: fast, seedable, good enough for synthetic data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const normal = (sd = 1) => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next()) * sd;
  };
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items.at(-1)![0];
  };
  const uuid = () => {
    const h = [next(), next(), next(), next()].map((x) => (Math.floor(x * 2 ** 32) >>> 0).toString(16).padStart(8, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Number.parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, chance, normal, weighted, uuid };
}
type Rng = ReturnType<typeof prng>;

const clamp = (x: number, lo = 1, hi = 5) => Math.min(hi, Math.max(lo, x));
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const between = (rng: Rng, from: Date, to: Date) => new Date(from.getTime() + rng.next() * Math.max(0, to.getTime() - from.getTime()));

// ---------------------------------------------------------------------------------------------
// Vocabulary

const FIRST = [
  "Ada", "Ahmed", "Aiko", "Alejandro", "Amara", "Anders", "Ana", "Arjun", "Beatriz", "Ben", "Carla", "Chen", "Chloe", "Dara", "David", "Elena",
  "Emeka", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jada", "James", "Jin", "Jonas", "Julia", "Kai", "Karim",
  "Lea", "Leo", "Lina", "Lucas", "Maya", "Mei", "Mia", "Milan", "Nadia", "Nina", "Noah", "Olga", "Omar", "Paula", "Priya", "Rafael",
  "Rosa", "Sam", "Sara", "Sofia", "Tariq", "Tom", "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
];
const LAST = [
  "Adams", "Ahmadi", "Alvarez", "Andersen", "Bauer", "Bello", "Brown", "Carter", "Castro", "Chen", "Costa", "Da Silva", "Dubois", "Evans",
  "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Ito", "Jansen", "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "Lopez", "Martin",
  "Meyer", "Mensah", "Moreau", "Murphy", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Petrov", "Quinn", "Ramos",
  "Rossi", "Sato", "Schmidt", "Shah", "Silva", "Singh", "Smith", "Tanaka", "Taylor", "Torres", "Varga", "Wagner", "Walker", "Wang",
  "Weber", "Wright", "Yilmaz", "Young", "Zhang",
];
// Functions under the CEO, with how large a share of the company each tends to be.
const FUNCTIONS: readonly (readonly [string, number])[] = [
  ["Engineering", 10],
  ["Sales", 6],
  ["Customer Success", 4],
  ["Operations", 4],
  ["Product & Design", 3],
  ["Marketing", 3],
  ["Data", 2],
  ["Finance", 2],
  ["People", 2],
  ["IT", 1],
  ["Legal", 1],
];
const TEAMS = [
  "Platform", "Payments", "Growth", "Mobile", "Core", "Infrastructure", "EMEA", "Americas", "APAC", "Enterprise", "SMB", "Onboarding",
  "Support", "Analytics", "Research", "Brand", "Partnerships", "Procurement", "Logistics", "Compliance", "Security", "Recruiting",
  "Operations", "Insights", "Billing", "Identity", "Search", "Checkout", "Retention", "Field",
];
const ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Australia/Sydney"];
const TOPICS = [
  "I'd like to agree on what matters most this quarter.",
  "How reviews of my work happen, and how I can get feedback sooner.",
  "My workload has been heavy; can we look at priorities together?",
  "Career growth: what would the next step look like?",
  "How we run our 1:1s: less status, more of what is hard.",
  "The reorganization and what it means for the team.",
  "I would like more context on decisions made above us.",
  "Getting more ownership of a project end to end.",
  "How we handle urgent requests that come in late.",
  "Training budget and a course I would like to take.",
];
const AGENDA = [
  "Priorities for the next two weeks", "Blockers on the current project", "Feedback on the last release", "Career development plan",
  "Team workload and on-call", "Hiring for the open role", "Quarterly goals check", "Customer escalation follow-up", "Training and courses",
  "Process improvements", "Vacation planning", "What went well, what didn't",
];
const ACTIONS = [
  "Share the draft plan", "Book time with the product lead", "Write up the incident review", "Send the training proposal",
  "Update the roadmap doc", "Ask the team for input", "Follow up with finance", "Review the hiring scorecard",
];
const NOTES = [
  "Talked through priorities; agreed to move the reporting work to next sprint.",
  "Discussed the escalation. Next time we loop in support earlier.",
  "Good progress on the migration. Risk: testing capacity in the last week.",
  "Agreed on a rota for reviews so nobody waits more than a day.",
];
const CHOOSE = ["definitely_not", "probably_not", "not_sure", "probably", "definitely"] as const;
// Where a dimension tends to sit relative to the relationship as a whole (respect high, feedback low).
const DIMENSION_OFFSET: Record<DimensionKey, number> = {
  contact: 0.1,
  conversation: -0.1,
  knowledge: -0.15,
  trust: 0.1,
  goals: -0.05,
  loyalty: 0.1,
  contribution: 0.15,
  respect: 0.25,
  feedback: -0.35,
};
// Items people skip more often with "can't say", per side.
const CANT_SAY_PRONE: Record<Side, Record<string, number>> = {
  employee: { "knowledge.pressures": 0.1, "feedback.upward": 0.05, "loyalty.upward": 0.04 },
  manager: { "trust.integrity": 0.08, "loyalty.upward": 0.06, "contribution.beyond": 0.04 },
};

// ---------------------------------------------------------------------------------------------
// COPY

type CopyValue = string | number | boolean | Date | null | undefined;

function copyText(v: CopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s;
}

/** Streams rows into `table` with COPY … FROM STDIN (text format). */
async function copyRows(sql: Pick<postgres.Sql, "unsafe">, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  const stream = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  let buffer = "";
  let count = 0;
  for (const row of rows) {
    buffer += row.map(copyText).join("\t") + "\n";
    count++;
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await once(stream, "drain");
      buffer = "";
    }
  }
  stream.end(buffer);
  await finished(stream);
  return count;
}

// ---------------------------------------------------------------------------------------------
// The organization

interface Person {
  id: string;
  index: number;
  parent: number | null;
  depth: number;
  fn: string;
  department: number | null;
  children: number[];
  name: string;
  email: string;
  title: string;
  startDate: Date;
  deactivatedAt: Date | null;
  managerEffect: number;
}

interface Pair {
  id: string;
  managerIdx: number;
  reportIdx: number;
  startedAt: Date;
  endedAt: Date | null;
  base: number;
  disconnected: boolean;
  /** Meetings per month the two would report, from their series (or lack of one). */
  rhythm: "0" | "1" | "2" | "3-4" | "5+";
  drift: number;
}

interface Department {
  id: string;
  name: string;
  effect: number;
}

function buildTree(rng: Rng, n: number, shape: SyntheticShape) {
  const people: Person[] = [];
  const add = (parent: number | null, fn: string): Person => {
    const index = people.length;
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, "");
    const p: Person = {
      id: rng.uuid(),
      index,
      parent,
      depth: parent === null ? 0 : people[parent]!.depth + 1,
      fn,
      department: null,
      children: [],
      name: `${first} ${last}`,
      email: `${local}.${index}@${BENCH_EMAIL_DOMAIN}`,
      title: "",
      startDate: new Date(0),
      deactivatedAt: null,
      managerEffect: rng.normal(0.3),
    };
    people.push(p);
    if (parent !== null) people[parent]!.children.push(index);
    return p;
  };

  const ceo = add(null, "Executive");
  if (shape === "chain") {
    for (let i = 1; i < n; i++) add(i - 1, "Engineering");
    return people;
  }
  if (shape === "flat") {
    for (let i = 1; i < n; i++) add(ceo.index, "Engineering");
    return people;
  }
  const heads = FUNCTIONS.slice(0, Math.max(2, Math.min(FUNCTIONS.length, Math.floor(n / 40)))).map(([fn]) => add(ceo.index, fn));
  // Span of a head grows with the function's weight, so Engineering ends up the largest.
  const weight = new Map(FUNCTIONS);
  const frontier: number[] = [];
  for (const h of heads) frontier.push(h.index);
  const spanFor = (p: Person): number => {
    if (p.depth === 1) return Math.max(2, Math.round((weight.get(p.fn) ?? 1) * (0.6 + rng.next() * 0.5)));
    if (p.depth >= 9) return 0;
    if (p.depth === 2) return rng.int(3, 9);
    // Below: a third are individual contributors; managers mostly 3–8 reports, a few 12–25.
    if (frontier.length > 20 && rng.chance(0.33)) return 0;
    return rng.weighted([
      [rng.int(1, 2), 0.12],
      [rng.int(3, 8), 0.7],
      [rng.int(9, 12), 0.12],
      [rng.int(13, 25), 0.06],
    ]);
  };
  while (people.length < n && frontier.length > 0) {
    // A random member of the frontier, not the oldest: branches grow to different depths.
    const at = Math.floor(rng.next() * frontier.length);
    const p = people[frontier[at]!]!;
    frontier[at] = frontier.at(-1)!;
    frontier.pop();
    let span = spanFor(p);
    if (span === 0 && frontier.length === 0) span = 3;
    for (let i = 0; i < span && people.length < n; i++) frontier.push(add(p.index, p.fn).index);
  }
  return people;
}

function titleOf(p: Person): string {
  if (p.depth === 0) return "Chief Executive Officer";
  if (p.depth === 1) return `VP of ${p.fn}`;
  if (p.children.length > 0) return p.depth === 2 ? `Director, ${p.fn}` : `${p.fn} Manager`;
  return `${p.fn} Specialist`;
}

// ---------------------------------------------------------------------------------------------
// Answers

function dimensionMeans(rng: Rng, level: number, sd: number): Record<DimensionKey, number> {
  const bank = getItemBank(BANK_VERSION);
  return Object.fromEntries(bank.dimensions.map((d) => [d.key, level + DIMENSION_OFFSET[d.key] + rng.normal(sd)])) as Record<DimensionKey, number>;
}

function sideAnswers(
  rng: Rng,
  side: Side,
  means: Record<DimensionKey, number>,
  otherMeans: Record<DimensionKey, number>,
  quality: number,
  rhythm: Pair["rhythm"],
): Answers {
  const bank = getItemBank(BANK_VERSION);
  const answers: Answers = {};
  const prone = CANT_SAY_PRONE[side];
  // 1 in 100 respondents can't say anything about one whole dimension.
  const blankDimension = rng.chance(0.01) ? rng.pick(bank.dimensions).key : null;
  const missRate = side === "employee" ? 0.12 : 0.15;
  for (const d of bank.dimensions) {
    for (const item of d.items) {
      const cantSay = d.key === blankDimension || rng.chance(0.02 + (prone[item.key] ?? 0));
      answers[item.key] = cantSay ? CANT_SAY : Math.round(clamp(means[d.key] + rng.normal(0.55)));
    }
    // Predictions of the other's view: usually close, sometimes a clear miss (a blind spot).
    const miss = rng.chance(missRate) ? (rng.chance(0.7) ? 1.8 : -1.8) : rng.normal(0.5);
    answers[predictionKey(d.key)] = rng.chance(0.02) ? CANT_SAY : Math.round(clamp(otherMeans[d.key] + miss));
  }
  const rhythms = ["0", "1", "2", "3-4", "5+"] as const;
  const r = rhythms.indexOf(rhythm);
  answers[bank.meetings.key] = rhythms[Math.max(0, Math.min(4, r + (rng.chance(0.15) ? rng.pick([-1, 1]) : 0)))]!;
  answers[bank.chooseAgain.key] = CHOOSE[Math.round(clamp(quality - 1 + rng.normal(0.7), 0, 4))]!;
  answers[bank.stance.key] = quality < 2.8 ? rng.weighted([["for", 0.4], ["with", 0.45], ["against", 0.15]]) : rng.weighted([["for", 0.13], ["with", 0.85], ["against", 0.02]]);
  if (rng.chance(0.22)) answers[bank.topics.key] = rng.pick(TOPICS);
  return answers;
}

/** Some of a complete response's answers: a draft left part way. */
function partial(rng: Rng, answers: Answers): Answers {
  const keep = 0.15 + rng.next() * 0.75;
  return Object.fromEntries(Object.entries(answers).filter(() => rng.chance(keep)));
}

function checkAnswers(answers: Answers, complete: boolean) {
  const bank = getItemBank(BANK_VERSION);
  validateChanges(bank, answers);
  if (complete) {
    const missing = missingAnswers(bank, answers);
    if (missing.length > 0) throw new Error(`synthetic response left ${missing.join(", ")} open`);
  }
}

// ---------------------------------------------------------------------------------------------
// 1:1 occurrences

const dayNumber = (localDate: string) => Math.round(Date.parse(`${localDate}T00:00:00Z`) / DAY);
const localDateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** ISO weekday (1 = Monday) of a day number; day 0, 1970-01-01, was a Thursday. */
const isoWeekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7 + 1;

/**
 * The rule's occurrences starting in [from, to), by date arithmetic: what
 * server/meetings/recurrence.ts gets from rrule (weekly or every two weeks counted from the
 * week of the first day, or the nth/last weekday of each month, never before the first day nor
 * after the last), placed in the zone the same way. rrule walks from the first day on every
 * call, which made seeding thousands of series slow; the seed checks a sample against it.
 */
function occurrencesIn(rule: SeriesRule, from: Date, to: Date): Occurrence[] {
  const first = dayNumber(rule.startsOn);
  const lastDate = lastLocalDate(rule);
  const last = lastDate ? dayNumber(lastDate) : Number.POSITIVE_INFINITY;
  // Local dates can be a day either side of the UTC ones: widen, then filter on instants.
  const lo = Math.max(first, Math.floor(from.getTime() / DAY) - 2);
  const hi = Math.min(last, Math.ceil(to.getTime() / DAY) + 2);
  const days: number[] = [];
  if (rule.frequency === "monthly") {
    const start = new Date(lo * DAY);
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
      const monthStart = Math.round(Date.UTC(y, m, 1) / DAY);
      if (monthStart > hi) break;
      const monthEnd = Math.round(Date.UTC(y, m + 1, 1) / DAY) - 1;
      const day =
        rule.weekOfMonth === -1
          ? monthEnd - ((isoWeekdayOf(monthEnd) - rule.weekday + 7) % 7)
          : monthStart + ((rule.weekday - isoWeekdayOf(monthStart) + 7) % 7) + 7 * ((rule.weekOfMonth ?? 1) - 1);
      days.push(day);
    }
  } else {
    const step = rule.frequency === "biweekly" ? 14 : 7;
    const firstWeekStart = first - (isoWeekdayOf(first) - 1);
    let day = firstWeekStart + (rule.weekday - 1);
    if (day < lo) day += Math.ceil((lo - day) / step) * step;
    for (; day <= hi; day += step) days.push(day);
  }
  const out: Occurrence[] = [];
  for (const day of days) {
    if (day < first || day > last) continue;
    const localDate = localDateOf(day);
    const startsAt = zonedInstant(localDate, rule.startTime, rule.timeZone);
    if (startsAt < from || startsAt >= to) continue;
    out.push({ occurrenceStart: startsAt, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000), localDate });
  }
  return out;
}

/** The first `count` occurrences at or after `from`, as nextOccurrences gives them. */
function nextOccurrencesFast(rule: SeriesRule, from: Date, count: number): Occurrence[] {
  const span = (rule.frequency === "monthly" ? 32 : rule.frequency === "biweekly" ? 14 : 7) * (count + 2) * DAY;
  return occurrencesIn(rule, from, new Date(from.getTime() + span)).slice(0, count);
}

function assertSameOccurrences(what: string, ours: Occurrence[], theirs: Occurrence[], rule: SeriesRule) {
  const a = ours.map((o) => o.startsAt.toISOString()).join(",");
  const b = theirs.map((o) => o.startsAt.toISOString()).join(",");
  if (a !== b) throw new Error(`synthetic ${what} occurrences differ from recurrence.ts for ${JSON.stringify(rule)}:\n ours   ${a}\n theirs ${b}`);
}

// ---------------------------------------------------------------------------------------------
// The seed

/**
 * Writes one synthetic organization in one transaction, with the raw postgres.js client for
 * speed (COPY). The database must be migrated. Fails if an organization with the same slug
 * exists: reset the benchmark database first.
 */
export async function seedSyntheticOrg(sql: postgres.Sql, options: SyntheticOrgOptions = {}): Promise<SyntheticOrgSummary> {
  const started = Date.now();
  const n = options.people ?? 20_000;
  const cycleCount = options.cycles ?? 8;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  if (!Number.isInteger(n) || n < 50) throw new Error("people must be a whole number of at least 50");
  if (!Number.isInteger(cycleCount) || cycleCount < 1 || cycleCount > 40) throw new Error("cycles must be from 1 to 40");
  const rng = prng(seed);
  const now = options.now ?? new Date();
  const today = new Date(`${isoDate(now)}T00:00:00Z`);
  const shape = options.shape ?? "tree";
  const slug = syntheticSlug(n, cycleCount, seed, shape, options.everyoneAnswers);
  const orgId = rng.uuid();

  // Cycles: quarterly; the last opened ten days ago and is still open.
  const cycles = Array.from({ length: cycleCount }, (_, i) => {
    const opensOn = addDays(today, -10 - (cycleCount - 1 - i) * 91);
    const closesOn = addDays(opensOn, 24);
    const open = i === cycleCount - 1;
    const q = DateTime.fromJSDate(opensOn, { zone: "utc" });
    return {
      id: rng.uuid(),
      index: i,
      name: `Q${q.quarter} ${q.year} relationship check`,
      opensOn,
      closesOn,
      openedAt: new Date(opensOn.getTime() + 8 * 3600_000),
      closedAt: open ? null : new Date(closesOn.getTime() + 17 * 3600_000),
      open,
      // The first cycle was a pilot in some departments only.
      allDepartments: !(i === 0 && cycleCount > 2),
      departments: [] as string[],
    };
  });
  const firstOpen = cycles[0]!.opensOn;

  // People and the tree.
  const people = buildTree(rng, n, shape);
  const founded = addDays(firstOpen, -6 * 365);
  for (const p of people) {
    p.title = titleOf(p);
    // Most people were there before the first cycle; the rest joined since (the org grows).
    p.startDate = p.depth <= 1 ? between(rng, founded, addDays(founded, 400)) : options.everyoneAnswers || rng.chance(0.74) ? between(rng, founded, firstOpen) : between(rng, firstOpen, addDays(today, -7));
  }

  // Departments: each subtree two levels below the CEO; heads sit in their function's first one.
  const departments: Department[] = [{ id: rng.uuid(), name: "Executive Office", effect: 0 }];
  const deptNames = new Set<string>(["executive office"]);
  const newDepartment = (fn: string): number => {
    let name = `${fn}: ${rng.pick(TEAMS)}`;
    for (let k = 2; deptNames.has(name.toLowerCase()); k++) name = `${fn}: ${rng.pick(TEAMS)} ${k}`;
    deptNames.add(name.toLowerCase());
    departments.push({ id: rng.uuid(), name, effect: rng.normal(0.25) });
    return departments.length - 1;
  };
  // The level whose subtrees are closest to ~90 people each (two levels down in a small org,
  // three in a large one). People above it sit in the department of their first team.
  const perDepth = new Map<number, number>();
  for (const p of people) perDepth.set(p.depth, (perDepth.get(p.depth) ?? 0) + 1);
  const target = people.length / 90;
  let departmentDepth = 2;
  for (const [depth, count] of perDepth) if (depth >= 2 && depth <= 4 && Math.abs(count - target) < Math.abs((perDepth.get(departmentDepth) ?? 0) - target)) departmentDepth = depth;
  people[0]!.department = 0;
  for (const p of people) {
    if (p.depth === departmentDepth) p.department = newDepartment(p.fn);
    else if (p.depth > departmentDepth) p.department = people[p.parent!]!.department;
  }
  // Children come after their parent in `people`: backwards, every child is done first.
  for (let i = people.length - 1; i > 0; i--) {
    const p = people[i]!;
    if (p.depth < departmentDepth) p.department = p.children.map((c) => people[c]!.department).find((d) => d !== null) ?? 0;
  }
  // A few people have no department in the HR system.
  for (const p of people) if (p.depth > 2 && rng.chance(0.005)) p.department = null;
  // A reorganization hit one department two cycles ago.
  const reorgDepartment = 1 + Math.floor(rng.next() * (departments.length - 1));

  // Leavers: individual contributors who left; their pair ended then.
  for (const p of people) if (shape === "tree" && p.depth > 2 && p.children.length === 0 && rng.chance(0.02)) p.deactivatedAt = between(rng, addDays(p.startDate, 60), addDays(today, -3));
  for (const p of people) if (p.deactivatedAt && p.deactivatedAt <= p.startDate) p.deactivatedAt = null;

  // Pairs: the current one per person, and an earlier one for people who changed manager.
  const managers = people.filter((p) => p.children.length > 0).map((p) => p.index);
  const pairs: Pair[] = [];
  const rhythmOf = (): Pair["rhythm"] => rng.weighted<Pair["rhythm"]>([["0", 0.05], ["1", 0.15], ["2", 0.4], ["3-4", 0.3], ["5+", 0.1]]);
  const newPair = (managerIdx: number, reportIdx: number, startedAt: Date, endedAt: Date | null): Pair => ({
    id: rng.uuid(),
    managerIdx,
    reportIdx,
    startedAt,
    endedAt,
    base: rng.normal(0.45),
    disconnected: rng.chance(0.08),
    rhythm: rhythmOf(),
    drift: 0,
  });
  for (const p of people) {
    if (p.parent === null) continue;
    const manager = people[p.parent]!;
    let start = maxDate(p.startDate, manager.startDate);
    const tenure = (p.deactivatedAt ?? today).getTime() - start.getTime();
    if (shape === "tree" && tenure > 200 * DAY && rng.chance(0.07)) {
      const changedAt = between(rng, addDays(start, 90), addDays(p.deactivatedAt ?? today, -20));
      let previous = rng.pick(managers);
      if (previous === p.index || previous === manager.index) previous = manager.parent ?? people[0]!.index;
      const previousStart = maxDate(p.startDate, people[previous]!.startDate);
      if (previous !== p.index && previous !== manager.index && previousStart < changedAt) {
        pairs.push(newPair(previous, p.index, previousStart, changedAt));
        start = changedAt;
      }
    }
    // Someone who left before this manager arrived did not leave from this pair: keep them.
    if (p.deactivatedAt && p.deactivatedAt <= start) p.deactivatedAt = null;
    pairs.push(newPair(manager.index, p.index, start, p.deactivatedAt));
  }
  log(`people ${people.length}, departments ${departments.length}, pairs ${pairs.length}`);

  const summary: SyntheticOrgSummary = {
    orgId,
    slug,
    people: people.length,
    departments: departments.length,
    pairs: pairs.length,
    cycles: cycles.length,
    assessments: 0,
    responses: 0,
    meetingSeries: 0,
    meetings: 0,
    agendaItems: 0,
    actionItems: 0,
    maxDepth: Math.max(...people.map((p) => p.depth)),
    maxSpan: Math.max(...people.map((p) => p.children.length)),
    seconds: 0,
  };

  await sql.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`insert into organizations (id, name, slug, min_group_size, is_demo, created_at) values (${orgId}, ${`Bench Corp (synthetic, ${n} people${shape === "tree" ? "" : `, ${shape}`})`}, ${slug}, 5, false, ${founded})`;
    await copyRows(tx, "departments", ["id", "org_id", "name", "created_at"], departments.map((d) => [d.id, orgId, d.name, founded]));
    await copyRows(
      tx,
      "people",
      ["id", "org_id", "email", "name", "title", "department_id", "manager_id", "start_date", "deactivated_at", "created_at"],
      people.map((p) => [
        p.id,
        orgId,
        p.email,
        p.name,
        p.title,
        p.department === null ? null : departments[p.department]!.id,
        p.parent === null ? null : people[p.parent]!.id,
        isoDate(p.startDate),
        p.deactivatedAt,
        founded,
      ]),
    );
    // Owner: the CEO; HR admins: the head of People and two of their reports.
    const peopleHead = people.find((p) => p.depth === 1 && p.fn === "People") ?? people[1]!;
    const hr = [peopleHead, ...peopleHead.children.slice(0, 2).map((c) => people[c]!)];
    await copyRows(tx, "org_roles", ["org_id", "person_id", "role", "created_at"], [[orgId, people[0]!.id, "owner", founded], ...hr.map((p) => [orgId, p.id, "hr_admin", founded] as const)]);
    await copyRows(
      tx,
      "pairs",
      ["id", "org_id", "manager_id", "report_id", "started_at", "ended_at"],
      pairs.map((p) => [p.id, orgId, people[p.managerIdx]!.id, people[p.reportIdx]!.id, p.startedAt, p.endedAt]),
    );

    // Cycles, with the pilot's departments.
    const hrId = peopleHead.id;
    for (const c of cycles) {
      if (!c.allDepartments) c.departments = departments.filter(() => rng.chance(0.35)).map((d) => d.id);
    }
    await copyRows(
      tx,
      "cycles",
      ["id", "org_id", "name", "opens_on", "closes_on", "status", "all_departments", "bank_version", "min_group_size", "created_by_id", "opened_at", "closed_at", "created_at"],
      cycles.map((c) => [c.id, orgId, c.name, isoDate(c.opensOn), isoDate(c.closesOn), c.open ? "open" : "closed", c.allDepartments, BANK_VERSION, 5, hrId, c.openedAt, c.closedAt, addDays(c.opensOn, -7)]),
    );
    await copyRows(tx, "cycle_departments", ["org_id", "cycle_id", "department_id"], cycles.flatMap((c) => c.departments.map((d) => [orgId, c.id, d] as const)));
    await copyRows(
      tx,
      "audit_log",
      ["id", "org_id", "actor_id", "actor_name", "action", "details", "created_at"],
      cycles.flatMap((c) => [
        [rng.uuid(), orgId, hrId, peopleHead.name, "cycle.created", JSON.stringify({ cycleId: c.id, name: c.name }), addDays(c.opensOn, -7)] as const,
        [rng.uuid(), orgId, hrId, peopleHead.name, "cycle.opened", JSON.stringify({ cycleId: c.id, name: c.name }), c.openedAt] as const,
        ...(c.closedAt ? [[rng.uuid(), orgId, hrId, peopleHead.name, "cycle.closed", JSON.stringify({ cycleId: c.id, name: c.name }), c.closedAt] as const] : []),
      ]),
    );

    // Assessments and responses, one cycle at a time (a cycle's rows fit in memory easily).
    const assessmentColumns = ["id", "org_id", "pair_id", "kind", "cycle_id", "bank_version", "due_on", "started_by_id", "revealed_at", "closed_at", "created_at"];
    const responseColumns = ["id", "org_id", "assessment_id", "side", "respondent_id", "answers", "share_choose_again", "revision", "updated_at", "submitted_at"];
    const cycleLevel = (i: number) => 3.5 + 0.04 * i;
    for (const c of cycles) {
      const scope = c.allDepartments ? null : new Set(c.departments);
      const assessmentRows: CopyValue[][] = [];
      const responseRows: CopyValue[][] = [];
      const deadline = c.open ? now : c.closesOn;
      for (const pair of pairs) {
        pair.drift += rng.normal(0.15);
        const report = people[pair.reportIdx]!;
        const manager = people[pair.managerIdx]!;
        if (pair.startedAt > c.openedAt || (pair.endedAt && pair.endedAt <= c.openedAt)) continue;
        const dept = report.department;
        if (scope && (dept === null || !scope.has(departments[dept]!.id))) continue;

        const reorg = dept === reorgDepartment && c.index === cycleCount - 3 ? -0.5 : dept === reorgDepartment && c.index === cycleCount - 2 ? -0.25 : 0;
        const deptEffect = dept === null ? 0 : departments[dept]!.effect;
        const quality = clamp(cycleLevel(c.index) + deptEffect + manager.managerEffect + pair.base + pair.drift + reorg, 1.3, 4.8);
        const employeeMeans = dimensionMeans(rng, quality, 0.45);
        const managerMeans = dimensionMeans(rng, quality + 0.3, 0.45);
        if (pair.disconnected) {
          // The manager sees a strong relationship; the report does not, on trust and goals.
          for (const k of ["trust", "goals"] as const) {
            managerMeans[k] = Math.max(managerMeans[k], 4.3 + rng.normal(0.2));
            employeeMeans[k] = Math.min(employeeMeans[k], quality - 0.9 + rng.normal(0.3));
          }
        }
        const answers = {
          employee: sideAnswers(rng, "employee", employeeMeans, managerMeans, quality, pair.rhythm),
          manager: sideAnswers(rng, "manager", managerMeans, employeeMeans, quality + 0.3, pair.rhythm),
        };
        // Managers with many reports answer less often; an open cycle is half way through.
        const span = manager.children.length;
        const submitRate =
          options.everyoneAnswers && !c.open
            ? { employee: 1, manager: 1 }
            : {
                employee: c.open ? 0.55 : quality < 2.6 ? 0.8 : 0.89,
                manager: c.open ? 0.5 : clamp(0.9 - Math.max(0, span - 6) * 0.012, 0.6, 0.9),
              };
        const submitted = { employee: rng.chance(submitRate.employee), manager: rng.chance(submitRate.manager) };
        const submittedAt = {
          employee: submitted.employee ? between(rng, c.openedAt, deadline) : null,
          manager: submitted.manager ? between(rng, c.openedAt, deadline) : null,
        };
        const both = submitted.employee && submitted.manager;
        const revealedAt = both ? maxDate(submittedAt.employee!, submittedAt.manager!) : null;
        const assessmentId = rng.uuid();
        assessmentRows.push([assessmentId, orgId, pair.id, "cycle", c.id, BANK_VERSION, isoDate(c.closesOn), null, revealedAt, !both && !c.open ? c.closedAt : null, c.openedAt]);
        for (const side of ["employee", "manager"] as const) {
          const done = submitted[side];
          const draft = done ? answers[side] : rng.chance(c.open ? 0.55 : 0.5) ? partial(rng, answers[side]) : {};
          checkAnswers(draft, done);
          const touched = Object.keys(draft).length > 0;
          responseRows.push([
            rng.uuid(),
            orgId,
            assessmentId,
            side,
            side === "employee" ? report.id : manager.id,
            JSON.stringify(draft),
            done && rng.chance(0.6),
            touched ? rng.int(1, 12) : 0,
            touched ? (submittedAt[side] ?? between(rng, c.openedAt, deadline)) : null,
            submittedAt[side],
          ]);
        }
      }
      const generated = Date.now();
      summary.assessments += await copyRows(tx, "assessments", assessmentColumns, assessmentRows);
      summary.responses += await copyRows(tx, "responses", responseColumns, responseRows);
      log(`cycle ${c.index + 1}/${cycleCount}: ${assessmentRows.length} assessments (copy ${Date.now() - generated} ms)`);
    }

    // Check-ins: a few pairs took stock between cycles; some have one in progress.
    const checkInAssessments: CopyValue[][] = [];
    const checkInResponses: CopyValue[][] = [];
    for (const pair of pairs) {
      if (pair.endedAt) continue;
      const inProgress = rng.chance(0.01);
      if (!inProgress && !rng.chance(0.04)) continue;
      const at = inProgress ? addDays(now, -rng.int(1, 9)) : between(rng, maxDate(pair.startedAt, firstOpen), addDays(today, -14));
      if (at < pair.startedAt) continue;
      const quality = clamp(cycleLevel(cycleCount - 1) + pair.base + pair.drift, 1.3, 4.8);
      const id = rng.uuid();
      const report = people[pair.reportIdx]!;
      const manager = people[pair.managerIdx]!;
      const revealedAt = inProgress ? null : addDays(at, rng.int(1, 6));
      checkInAssessments.push([id, orgId, pair.id, "check_in", null, BANK_VERSION, null, rng.chance(0.5) ? report.id : manager.id, revealedAt, null, at]);
      const eMeans = dimensionMeans(rng, quality, 0.45);
      let employeeDone = false;
      const mMeans = dimensionMeans(rng, quality + 0.3, 0.45);
      for (const side of ["employee", "manager"] as const) {
        const full = sideAnswers(rng, side, side === "employee" ? eMeans : mMeans, side === "employee" ? mMeans : eMeans, quality, pair.rhythm);
        // In progress: at most one side has submitted (the second submit reveals).
        const done = !inProgress || (side === "employee" ? (employeeDone = rng.chance(0.4)) : !employeeDone && rng.chance(0.3));
        const draft = done ? full : partial(rng, full);
        checkAnswers(draft, done);
        checkInResponses.push([rng.uuid(), orgId, id, side, side === "employee" ? report.id : manager.id, JSON.stringify(draft), done && rng.chance(0.6), rng.int(1, 8), at, done ? (revealedAt ?? at) : null]);
      }
    }
    summary.assessments += await copyRows(tx, "assessments", ["id", "org_id", "pair_id", "kind", "cycle_id", "bank_version", "due_on", "started_by_id", "revealed_at", "closed_at", "created_at"], checkInAssessments);
    summary.responses += await copyRows(tx, "responses", ["id", "org_id", "assessment_id", "side", "respondent_id", "answers", "share_choose_again", "revision", "updated_at", "submitted_at"], checkInResponses);

    // 1:1s: most open pairs meet on a rule; meetings exist for the last few occurrences (with
    // agendas, notes and action items) and the next PLANNED_AHEAD + 1, as the app keeps them.
    const seriesRows: CopyValue[][] = [];
    const meetingRows: CopyValue[][] = [];
    const agendaRows: CopyValue[][] = [];
    const actionRows: CopyValue[][] = [];
    const sharedRows: CopyValue[][] = [];
    const privateRows: CopyValue[][] = [];
    const dayBack = new Date(now.getTime() - DAY);
    for (const pair of pairs) {
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
    summary.meetingSeries = await copyRows(
      tx,
      "meeting_series",
      ["id", "org_id", "pair_id", "frequency", "weekday", "week_of_month", "start_time", "time_zone", "duration_minutes", "starts_on", "ends_on", "paused_from", "previous_series_id", "created_by_id", "created_at", "updated_at"],
      seriesRows,
    );
    summary.meetings = await copyRows(tx, "meetings", ["id", "org_id", "pair_id", "series_id", "occurrence_start", "starts_at", "ends_at", "status", "created_at"], meetingRows);
    summary.agendaItems = await copyRows(
      tx,
      "agenda_items",
      ["id", "org_id", "meeting_id", "position", "text", "detail", "source", "source_key", "created_by_id", "done_at", "created_at", "updated_at"],
      agendaRows,
    );
    await copyRows(tx, "shared_notes", ["meeting_id", "org_id", "body", "version", "updated_by_id", "updated_at"], sharedRows);
    await copyRows(tx, "private_notes", ["org_id", "meeting_id", "author_id", "body", "updated_at"], privateRows);
    summary.actionItems = await copyRows(
      tx,
      "action_items",
      ["id", "org_id", "pair_id", "meeting_id", "origin_meeting_id", "text", "owner_id", "due_on", "done_at", "created_by_id", "created_at", "updated_at"],
      actionRows,
    );
    log(`meetings: ${summary.meetingSeries} series, ${summary.meetings} meetings`);

    // Preferences of the few who changed them, and some templates.
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
        [rng.uuid(), orgId, null, "Quarterly priorities review", "Agree on the few things that matter most this quarter.", sections("Priorities"), hrId, founded, founded],
        [rng.uuid(), orgId, null, "Project retrospective", "Look back on a finished project together.", sections("Retrospective"), hrId, founded, founded],
        ...managers.filter(() => rng.chance(0.03)).map((m) => [rng.uuid(), orgId, people[m]!.id, "My team check-in", "How I like to run my 1:1s.", sections("Check-in"), people[m]!.id, founded, founded] as const),
      ],
    );
  });
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
