import { describe, expect, it } from "vitest";
import { buildQuestionnaire } from "@/components/assessments/questionnaire";
import { requiredKeys, stepKeys } from "@/components/assessments/use-assessment-steps";
import { missingAnswers, questionRules } from "@/server/assessments/answers";
import { CANT_SAY, getItemBank, type Side } from "@/server/assessments/item-bank";

// The form counts and resumes from the questionnaire the page builds; the server validates and
// decides "complete" from the item bank (server/assessments/answers.ts). The two must agree.

const bank = getItemBank(1);
const other = { name: "Ben Carter", givenName: "Ben" };

describe.each<Side>(["employee", "manager"])("the questionnaire from the %s's side", (side) => {
  const questionnaire = buildQuestionnaire(bank, side, other);

  it("asks exactly the questions the server requires, each once", () => {
    const keys = requiredKeys(questionnaire);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...missingAnswers(bank, {})].sort());
  });

  it("offers every value the server accepts, and nothing else", () => {
    const rules = questionRules(bank);
    for (const question of [...questionnaire.dimensions.flatMap((dimension) => dimension.questions), ...questionnaire.closing]) {
      const rule = rules.get(question.key)!;
      const values = question.options.map((option) => option.value);
      if (rule.kind === "choice") expect(values).toEqual([...rule.values]);
      else expect(values).toEqual([1, 2, 3, 4, 5, CANT_SAY]);
    }
    expect(rules.get(questionnaire.topics.key)).toEqual({ kind: "text", maxLength: questionnaire.topics.maxLength, optional: true });
  });

  it("has one step per dimension and a last step, and fills in the other person's name", () => {
    expect(questionnaire.dimensions.map((dimension) => dimension.key)).toEqual(bank.dimensions.map((dimension) => dimension.key));
    expect(stepKeys(questionnaire, 0)).toEqual([]);
    expect(stepKeys(questionnaire, bank.dimensions.length + 1)).toEqual([bank.chooseAgain.key, bank.stance.key]);
    const texts = JSON.stringify(questionnaire);
    expect(texts).not.toContain("{name}");
    expect(texts).toContain("Ben");
    expect(questionnaire.closing[0]!.legend).toBe(bank.chooseAgain.text[side].replaceAll("{name}", "Ben"));
  });
});
