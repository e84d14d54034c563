import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, cycles, pairs, people, responses } from "@/db/schema";
import { CANT_SAY, CURRENT_BANK_VERSION, getItemBank, predictionKey, type DimensionKey, type Side } from "@/server/assessments/item-bank";

// Two past quarterly cycles for the demo organization, so the pair dashboard has history and
// HR trends have data. Answers are generated from a fixed seed (same data on every machine):
// each pair has an underlying relationship quality, managers rate a little higher than their
// reports (as leader–member research finds), some answers are "can't say", and a few pairs
// did not both submit. One pair is written by hand to tell a story: Aisha Bello (manager) and
// Ben Carter (report) see trust very differently, and Aisha does not know it. Every submitted
// response answers every required question (tests/integration/demo-seed.test.ts checks them
// with the app's own rules).

const bank = getItemBank(CURRENT_BANK_VERSION);
type Answers = (typeof responses.$inferInsert)["answers"] & {};

export const DEMO_CYCLES = [
  { name: "Q2 2026 relationship check", opensOn: "2026-04-06", closesOn: "2026-04-30", revealDay: "2026-04-20" },
  { name: "Q3 2026 relationship check", opensOn: "2026-07-06", closesOn: "2026-07-31", revealDay: "2026-07-21" },
] as const;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (x: number) => Math.min(5, Math.max(1, x));

/** Integer item answers whose mean is as close to `mean` as n integers allow. */
function itemsForMean(mean: number, n: number): number[] {
  const m = clamp(mean);
  const base = Math.floor(m);
  const ups = Math.round((m - base) * n);
  return Array.from({ length: n }, (_, i) => clamp(i < ups ? base + 1 : base));
}

interface SidePlan {
  means: Partial<Record<DimensionKey, number>>;
  predictions: Partial<Record<DimensionKey, number>>;
  chooseAgain: string;
  stance: string;
  meetings: string;
  topics?: string;
  cantSay?: string[];
}

function answersFrom(plan: SidePlan, fallback: () => number): Answers {
  const answers: Answers = {};
  for (const d of bank.dimensions) {
    const values = itemsForMean(plan.means[d.key] ?? fallback(), d.items.length);
    d.items.forEach((item, i) => {
      answers[item.key] = plan.cantSay?.includes(item.key) ? CANT_SAY : values[i]!;
    });
    answers[predictionKey(d.key)] = Math.round(clamp(plan.predictions[d.key] ?? fallback()));
  }
  answers[bank.meetings.key] = plan.meetings;
  answers[bank.chooseAgain.key] = plan.chooseAgain;
  answers[bank.stance.key] = plan.stance;
  if (plan.topics) answers[bank.topics.key] = plan.topics;
  return answers;
}

const CHOOSE = ["definitely_not", "probably_not", "not_sure", "probably", "definitely"];

function generatedPair(seed: number, cycleIndex: number): { employee: SidePlan; manager: SidePlan; submitted: { employee: boolean; manager: boolean } } {
  const rnd = random(seed * 7919 + cycleIndex * 104729);
  const quality = 2.7 + rnd() * 1.9 + cycleIndex * 0.1;
  const employee: SidePlan = { means: {}, predictions: {}, chooseAgain: "", stance: "with", meetings: "2" };
  const manager: SidePlan = { means: {}, predictions: {}, chooseAgain: "", stance: "with", meetings: "2" };
  for (const d of bank.dimensions) {
    const e = clamp(quality + (rnd() - 0.5) * 1.2);
    const m = clamp(quality + 0.3 + (rnd() - 0.5) * 1.2);
    employee.means[d.key] = e;
    manager.means[d.key] = m;
    // Predictions track the other side's view, with an occasional clear miss.
    employee.predictions[d.key] = clamp(m + (rnd() < 0.1 ? 1.8 : (rnd() - 0.5) * 1.2));
    manager.predictions[d.key] = clamp(e + (rnd() < 0.15 ? 1.8 : (rnd() - 0.5) * 1.2));
  }
  const pick = (q: number) => CHOOSE[Math.max(0, Math.min(4, Math.round(q - 1 + (rnd() - 0.5))))]!;
  employee.chooseAgain = pick(quality);
  manager.chooseAgain = pick(quality + 0.3);
  employee.stance = quality < 3 && rnd() < 0.4 ? "for" : "with";
  manager.stance = quality < 2.9 && rnd() < 0.2 ? "against" : "with";
  employee.meetings = manager.meetings = ["1", "2", "3-4", "3-4", "5+"][Math.floor(rnd() * 5)]!;
  if (rnd() < 0.25) employee.cantSay = ["knowledge.pressures"];
  if (rnd() < 0.15) manager.cantSay = ["trust.integrity"];
  // Who did not submit is the same in both quarters: a group whose contributors changed by
  // fewer than k people between two cycles is hidden in the later one (the across-cycles rule,
  // docs/anonymity.md, "Over time"), and the demo should show figures in both.
  const roll = random(seed * 31337)();
  const submitted = roll < 0.08 ? { employee: true, manager: false } : roll < 0.12 ? { employee: false, manager: true } : { employee: true, manager: true };
  return { employee, manager, submitted };
}

// Aisha Bello and Ben Carter, by hand. Ben reports low trust and unclear goals; Aisha rates
// both high and expects Ben to as well (a blind spot). Goals improve between the quarters.
const SHOWCASE: Record<number, { employee: SidePlan; manager: SidePlan }> = {
  0: {
    employee: {
      means: { trust: 2.5, goals: 2.33, contact: 3, conversation: 3, knowledge: 2.75, loyalty: 3, contribution: 4, respect: 3.67, feedback: 2.5 },
      predictions: { trust: 4, goals: 4, contact: 3, conversation: 3, knowledge: 3, loyalty: 4, contribution: 4, respect: 4, feedback: 3 },
      chooseAgain: "not_sure",
      stance: "for",
      meetings: "1",
      topics: "I'd like clearer priorities for the checkout rewrite, and to talk about how reviews of my work happen.",
    },
    manager: {
      means: { trust: 4.5, goals: 4, contact: 3.67, conversation: 3.67, knowledge: 4, loyalty: 4, contribution: 3.67, respect: 4, feedback: 3.5 },
      predictions: { trust: 5, goals: 4, contact: 4, conversation: 4, knowledge: 4, loyalty: 4, contribution: 4, respect: 4, feedback: 4 },
      chooseAgain: "definitely",
      stance: "with",
      meetings: "2",
      topics: "Ben's growth towards senior: what he wants to own next.",
    },
  },
  1: {
    employee: {
      means: { trust: 2.75, goals: 3.67, contact: 3.33, conversation: 3.33, knowledge: 3, loyalty: 3, contribution: 4, respect: 3.67, feedback: 3 },
      predictions: { trust: 4, goals: 4, contact: 3, conversation: 3, knowledge: 3, loyalty: 4, contribution: 4, respect: 4, feedback: 3 },
      chooseAgain: "probably",
      stance: "for",
      meetings: "2",
      topics: "Being checked on a lot lately. I'd like to agree on when you want updates.",
      cantSay: ["knowledge.pressures"],
    },
    manager: {
      means: { trust: 4.25, goals: 4, contact: 4, conversation: 4, knowledge: 4, loyalty: 4.33, contribution: 3.67, respect: 4, feedback: 3.75 },
      predictions: { trust: 5, goals: 4, contact: 4, conversation: 4, knowledge: 4, loyalty: 4, contribution: 4, respect: 4, feedback: 4 },
      chooseAgain: "definitely",
      stance: "with",
      meetings: "3-4",
    },
  },
};

/** Seeds the two past cycles unless they exist already (idempotent). Call inside the seed's transaction. */
export async function seedDemoHistory(tx: Db, orgId: string, showcase: { managerEmail: string; reportEmail: string }) {
  const existing = await tx
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.orgId, orgId), eq(cycles.name, DEMO_CYCLES[0].name)));
  if (existing.length > 0) return;

  const openPairs = await tx
    .select({ id: pairs.id, managerId: pairs.managerId, reportId: pairs.reportId, managerEmail: people.email })
    .from(pairs)
    .innerJoin(people, and(eq(people.orgId, pairs.orgId), eq(people.id, pairs.managerId)))
    .where(and(eq(pairs.orgId, orgId), isNull(pairs.endedAt)));
  const emails = new Map((await tx.select({ id: people.id, email: people.email }).from(people).where(eq(people.orgId, orgId))).map((p) => [p.id, p.email]));
  const sorted = [...openPairs].sort((a, b) => (emails.get(a.reportId) ?? "").localeCompare(emails.get(b.reportId) ?? ""));

  for (const [cycleIndex, c] of DEMO_CYCLES.entries()) {
    const [cycle] = await tx
      .insert(cycles)
      .values({
        orgId,
        name: c.name,
        opensOn: c.opensOn,
        closesOn: c.closesOn,
        status: "closed",
        bankVersion: bank.version,
        minGroupSize: 5,
        openedAt: new Date(`${c.opensOn}T08:00:00Z`),
        closedAt: new Date(`${c.closesOn}T17:00:00Z`),
        createdAt: new Date(`${c.opensOn}T07:00:00Z`),
      })
      .returning({ id: cycles.id });
    const revealedAt = new Date(`${c.revealDay}T15:00:00Z`);
    const closedAt = new Date(`${c.closesOn}T17:00:00Z`);

    for (const [i, pair] of sorted.entries()) {
      const isShowcase = emails.get(pair.managerId) === showcase.managerEmail && emails.get(pair.reportId) === showcase.reportEmail;
      const plan = isShowcase ? { ...SHOWCASE[cycleIndex]!, submitted: { employee: true, manager: true } } : generatedPair(i + 1, cycleIndex);
      const both = plan.submitted.employee && plan.submitted.manager;
      const [a] = await tx
        .insert(assessments)
        .values({
          orgId,
          pairId: pair.id,
          kind: "cycle",
          cycleId: cycle!.id,
          bankVersion: bank.version,
          dueOn: c.closesOn,
          revealedAt: both ? revealedAt : null,
          closedAt: both ? null : closedAt,
          createdAt: new Date(`${c.opensOn}T08:00:00Z`),
        })
        .returning({ id: assessments.id });
      const fallback = random(i * 31 + cycleIndex);
      const submittedAt = new Date(revealedAt.getTime() - 3600_000);
      const response = (side: Side, respondentId: string) => {
        const submitted = plan.submitted[side];
        return {
          orgId,
          assessmentId: a!.id,
          side,
          respondentId,
          answers: submitted ? answersFrom(plan[side], () => 3 + fallback()) : {},
          shareChooseAgain: submitted && (isShowcase || fallback() < 0.6),
          revision: submitted ? 1 : 0,
          updatedAt: submitted ? submittedAt : null,
          submittedAt: submitted ? submittedAt : null,
        };
      };
      await tx.insert(responses).values([response("employee", pair.reportId), response("manager", pair.managerId)]);
    }
  }
}
