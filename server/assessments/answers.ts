import { CANT_SAY, type ItemBank, predictionKey } from "./item-bank";

// Which question keys a bank has, what values each accepts, and what a complete response is.
// Pure functions: the server validates every saved change and every submission with them.

export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

type Rule = { kind: "scale" } | { kind: "choice"; values: readonly string[] } | { kind: "text"; maxLength: number; optional: true };

export function questionRules(bank: ItemBank): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const d of bank.dimensions) {
    for (const item of d.items) rules.set(item.key, { kind: "scale" });
    rules.set(predictionKey(d.key), { kind: "scale" });
  }
  for (const q of [bank.meetings, bank.chooseAgain, bank.stance]) rules.set(q.key, { kind: "choice", values: q.options.map((o) => o.value) });
  rules.set(bank.topics.key, { kind: "text", maxLength: bank.topics.maxLength, optional: true });
  return rules;
}

export class AnswerError extends Error {
  override name = "AnswerError";
}

/**
 * Checks a set of changes against the bank: every key must be a question of this version and
 * every value must fit it. `null` clears an answer. Text is kept exactly as typed here; it is
 * trimmed only at submit.
 */
export function validateChanges(bank: ItemBank, changes: Record<string, unknown>): Record<string, AnswerValue | null> {
  const rules = questionRules(bank);
  const clean: Record<string, AnswerValue | null> = {};
  for (const [key, value] of Object.entries(changes)) {
    const rule = rules.get(key);
    if (!rule) throw new AnswerError(`"${key}" is not a question of this assessment (item bank version ${bank.version}).`);
    if (value === null) {
      clean[key] = null;
      continue;
    }
    switch (rule.kind) {
      case "scale":
        if (!(value === CANT_SAY || (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5))) {
          throw new AnswerError(`The answer to "${key}" must be a whole number from 1 to 5, or "can't say".`);
        }
        break;
      case "choice":
        if (typeof value !== "string" || !rule.values.includes(value)) {
          throw new AnswerError(`The answer to "${key}" must be one of: ${rule.values.join(", ")}.`);
        }
        break;
      case "text":
        if (typeof value !== "string") throw new AnswerError(`The answer to "${key}" must be text.`);
        if (value.length > rule.maxLength) throw new AnswerError(`"${key}" can be at most ${rule.maxLength} characters.`);
        break;
    }
    clean[key] = value;
  }
  return clean;
}

/** Applies validated changes to a draft: values replace, nulls and empty text remove. */
export function applyChanges(answers: Answers, changes: Record<string, AnswerValue | null>): Answers {
  const next = { ...answers };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Required questions still without an answer ("can't say" counts as an answer). */
export function missingAnswers(bank: ItemBank, answers: Answers): string[] {
  const missing: string[] = [];
  for (const [key, rule] of questionRules(bank)) {
    if (rule.kind === "text") continue;
    if (answers[key] === undefined) missing.push(key);
  }
  return missing;
}

/** How many required questions are answered, of how many ("19 of 42 answered"). */
export function progress(bank: ItemBank, answers: Answers): { answered: number; total: number } {
  const rules = questionRules(bank);
  let answered = 0;
  let total = 0;
  for (const [key, rule] of rules) {
    if (rule.kind === "text") continue;
    total++;
    if (answers[key] !== undefined) answered++;
  }
  return { answered, total };
}
