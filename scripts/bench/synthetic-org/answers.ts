import { missingAnswers, validateChanges, type Answers } from "@/server/assessments/answers";
import { CANT_SAY, getItemBank, predictionKey, type DimensionKey, type Side } from "@/server/assessments/item-bank";
import { BANK_VERSION } from "./options";
import { clamp, type Rng } from "./random";
import type { Pair } from "./tree";
import { CANT_SAY_PRONE, CHOOSE, DIMENSION_OFFSET, TOPICS } from "./vocabulary";

// One side's answers from the pair's latent relationship quality; every one is checked against
// the item bank's rules (server/assessments/answers.ts), as the app checks what people submit.

export function dimensionMeans(rng: Rng, level: number, sd: number): Record<DimensionKey, number> {
  const bank = getItemBank(BANK_VERSION);
  return Object.fromEntries(bank.dimensions.map((d) => [d.key, level + DIMENSION_OFFSET[d.key] + rng.normal(sd)])) as Record<DimensionKey, number>;
}

export function sideAnswers(
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
export function partial(rng: Rng, answers: Answers): Answers {
  const keep = 0.15 + rng.next() * 0.75;
  return Object.fromEntries(Object.entries(answers).filter(() => rng.chance(keep)));
}

export function checkAnswers(answers: Answers, complete: boolean) {
  const bank = getItemBank(BANK_VERSION);
  validateChanges(bank, answers);
  if (complete) {
    const missing = missingAnswers(bank, answers);
    if (missing.length > 0) throw new Error(`synthetic response left ${missing.join(", ")} open`);
  }
}
