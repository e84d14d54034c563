import { questionRules, type Answers } from "@/server/assessments/answers";
import { getItemBank } from "@/server/assessments/item-bank";

/**
 * A complete set of answers for a bank version: every scale question `scale` (default 4),
 * every choice question its first option, plus `overrides`.
 */
export function completeAnswers(version = 1, overrides: Answers = {}, scale: number | "cant_say" = 4): Answers {
  const answers: Answers = {};
  for (const [key, rule] of questionRules(getItemBank(version))) {
    if (rule.kind === "scale") answers[key] = scale;
    else if (rule.kind === "choice") answers[key] = rule.values[0]!;
  }
  return { ...answers, ...overrides };
}
