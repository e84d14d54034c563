import { describe, expect, it } from "vitest";
import { AnswerError, applyChanges, missingAnswers, progress, questionRules, validateChanges, type Answers } from "@/server/assessments/answers";
import { CANT_SAY, DIMENSION_KEYS, getItemBank, predictionKey } from "@/server/assessments/item-bank";
import { completeAnswers } from "../support/answers";

const bank = getItemBank(1);
const itemKeys = bank.dimensions.flatMap((d) => d.items.map((i) => i.key));
const predictionKeys = bank.dimensions.map((d) => predictionKey(d.key));
const scaleKeys = [...itemKeys, ...predictionKeys];
const choiceQuestions = [bank.meetings, bank.chooseAgain, bank.stance];
const requiredKeys = [...scaleKeys, ...choiceQuestions.map((q) => q.key)];

/** The AnswerError a call throws (fails the test if it throws nothing or something else). */
function answerErrorOf(fn: () => unknown): AnswerError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AnswerError);
    return err as AnswerError;
  }
  throw new Error("expected an AnswerError, but nothing was thrown");
}

describe("item bank v1", () => {
  it("has the nine dimensions of the product, in order", () => {
    expect(bank.version).toBe(1);
    expect(bank.dimensions.map((d) => d.key)).toEqual([
      "contact",
      "conversation",
      "knowledge",
      "trust",
      "goals",
      "loyalty",
      "contribution",
      "respect",
      "feedback",
    ]);
    expect(bank.dimensions.map((d) => d.key)).toEqual([...DIMENSION_KEYS]);
  });

  it("has 2 to 4 items per dimension, each worded from both sides and named after its dimension", () => {
    for (const d of bank.dimensions) {
      expect(d.items.length, d.key).toBeGreaterThanOrEqual(2);
      expect(d.items.length, d.key).toBeLessThanOrEqual(4);
      expect(d.name.trim(), d.key).not.toBe("");
      for (const item of d.items) {
        expect(item.text.employee.trim(), item.key).not.toBe("");
        expect(item.text.manager.trim(), item.key).not.toBe("");
        expect(item.key.startsWith(`${d.key}.`), item.key).toBe(true);
      }
    }
  });

  it("asks every dimension's prediction from both sides, about the other person by name", () => {
    for (const d of bank.dimensions) {
      expect(d.prediction.employee, d.key).toContain("{name}");
      expect(d.prediction.manager, d.key).toContain("{name}");
    }
  });

  it("gives every question a unique key", () => {
    const all = [...scaleKeys, ...choiceQuestions.map((q) => q.key), bank.topics.key];
    expect(new Set(all).size).toBe(all.length);
    expect([...questionRules(bank).keys()].sort()).toEqual([...all].sort());
  });

  it("offers the closing questions of the product, with distinct options worded from both sides", () => {
    expect(bank.chooseAgain.key).toBe("choose_again");
    expect(bank.chooseAgain.options.map((o) => o.value)).toEqual(["definitely_not", "probably_not", "not_sure", "probably", "definitely"]);
    expect(bank.stance.options.map((o) => o.value)).toEqual(["for", "with", "against"]);
    for (const q of choiceQuestions) {
      expect(new Set(q.options.map((o) => o.value)).size, q.key).toBe(q.options.length);
      expect(q.text.employee.trim(), q.key).not.toBe("");
      expect(q.text.manager.trim(), q.key).not.toBe("");
      for (const o of q.options) expect(o.label.employee.trim() && o.label.manager.trim(), `${q.key}=${o.value}`).toBeTruthy();
    }
    expect(bank.topics).toMatchObject({ key: "topics", maxLength: 2000 });
  });

  it("refuses an unknown version rather than guessing", () => {
    expect(() => getItemBank(999)).toThrow(/Unknown item bank version 999/);
  });
});

describe("validateChanges", () => {
  it('accepts 1 to 5 and "can\'t say" on every scale question, and null to clear', () => {
    for (const key of scaleKeys) {
      for (const value of [1, 2, 3, 4, 5, CANT_SAY, null]) expect(validateChanges(bank, { [key]: value })).toEqual({ [key]: value });
    }
  });

  it("refuses anything else on a scale question, naming the question", () => {
    const bad: unknown[] = [0, 6, 2.5, -1, 1e9, Number.NaN, Number.POSITIVE_INFINITY, "5", "", "Cant_say", "can't say", true, false, {}, [3], undefined];
    for (const key of scaleKeys) {
      for (const value of bad) {
        const error = answerErrorOf(() => validateChanges(bank, { [key]: value }));
        expect(error.message, `${key}=${String(value)}`).toBe(`The answer to "${key}" must be a whole number from 1 to 5, or "can't say".`);
      }
    }
  });

  it("accepts exactly a choice question's own values", () => {
    for (const q of choiceQuestions) {
      for (const o of q.options) expect(validateChanges(bank, { [q.key]: o.value })).toEqual({ [q.key]: o.value });
      const others = choiceQuestions.filter((x) => x !== q).flatMap((x) => x.options.map((o) => o.value));
      for (const value of [...others.filter((v) => !q.options.some((o) => o.value === v)), "", " for", "DEFINITELY", CANT_SAY, 1, 3, true]) {
        const error = answerErrorOf(() => validateChanges(bank, { [q.key]: value }));
        expect(error.message, `${q.key}=${String(value)}`).toContain(`The answer to "${q.key}" must be one of: ${q.options.map((o) => o.value).join(", ")}.`);
      }
    }
  });

  it("keeps topics text exactly as typed, up to 2000 characters", () => {
    for (const text of ["  spaces kept  \n", "x".repeat(2000), "ünïcødé ✓", ""]) {
      expect(validateChanges(bank, { topics: text })).toEqual({ topics: text });
    }
    expect(answerErrorOf(() => validateChanges(bank, { topics: "x".repeat(2001) })).message).toBe('"topics" can be at most 2000 characters.');
    expect(answerErrorOf(() => validateChanges(bank, { topics: 42 })).message).toBe('The answer to "topics" must be text.');
    expect(answerErrorOf(() => validateChanges(bank, { topics: true })).message).toBe('The answer to "topics" must be text.');
  });

  it("refuses a key that is not a question of this version, naming it", () => {
    const unknown = [
      "trust",
      "trust.honesty",
      "predict.stance",
      "predict.topics",
      "Trust.ability",
      " trust.ability",
      "constructor",
      "toString",
      "hasOwnProperty",
      "__proto__",
    ];
    for (const key of unknown) {
      // Parsed from JSON, as a request body is: "__proto__" then is an own key like any other.
      const changes = JSON.parse(`{${JSON.stringify(key)}: 3}`) as Record<string, unknown>;
      expect(Object.keys(changes)).toEqual([key]);
      const error = answerErrorOf(() => validateChanges(bank, changes));
      expect(error.message).toBe(`"${key}" is not a question of this assessment (item bank version 1).`);
    }
  });

  it("refuses the whole change set when one change is bad", () => {
    const error = answerErrorOf(() => validateChanges(bank, { "trust.ability": 4, "goals.success": 9, stance: "with" }));
    expect(error.message).toContain('"goals.success"');
  });

  it("accepts a complete answer set at once", () => {
    const all = completeAnswers(1, { topics: "Our roadmap" });
    expect(validateChanges(bank, all)).toEqual(all);
  });
});

describe("applyChanges", () => {
  it("replaces values, removes on null or empty text, and leaves the draft it was given alone", () => {
    const draft: Answers = { "trust.ability": 2, "trust.candor": 5, topics: "Roadmap", stance: "with" };
    const next = applyChanges(draft, { "trust.ability": 4, "trust.candor": null, topics: "", "goals.success": CANT_SAY });
    expect(next).toEqual({ "trust.ability": 4, stance: "with", "goals.success": CANT_SAY });
    expect(draft).toEqual({ "trust.ability": 2, "trust.candor": 5, topics: "Roadmap", stance: "with" });
  });

  it("clearing an answer that was never given changes nothing", () => {
    expect(applyChanges({ stance: "for" }, { "respect.views": null })).toEqual({ stance: "for" });
  });
});

describe("missingAnswers and progress", () => {
  it("lists every required question of an empty draft, and not the optional topics", () => {
    const missing = missingAnswers(bank, {});
    expect(missing.sort()).toEqual([...requiredKeys].sort());
    expect(missing).not.toContain("topics");
    expect(progress(bank, {})).toEqual({ answered: 0, total: requiredKeys.length });
  });

  it("lists exactly the questions still unanswered", () => {
    const answers = completeAnswers();
    delete answers["knowledge.ambitions"];
    delete answers[predictionKey("feedback")];
    delete answers.stance;
    expect(missingAnswers(bank, answers).sort()).toEqual(["knowledge.ambitions", "predict.feedback", "stance"]);
    expect(progress(bank, answers)).toEqual({ answered: requiredKeys.length - 3, total: requiredKeys.length });
  });

  it('counts "can\'t say" as an answer, and a complete set without topics as complete', () => {
    const answers = completeAnswers(1, {}, CANT_SAY);
    expect(answers.topics).toBeUndefined();
    expect(missingAnswers(bank, answers)).toEqual([]);
    expect(progress(bank, answers)).toEqual({ answered: requiredKeys.length, total: requiredKeys.length });
    expect(progress(bank, { ...answers, topics: "text" })).toEqual({ answered: requiredKeys.length, total: requiredKeys.length });
  });
});
