import type { AnswerValue } from "@/server/assessments/answers";
import {
  AGREEMENT_SCALE,
  CANT_SAY,
  CANT_SAY_LABEL,
  personalize,
  PREDICTION_SCALE,
  predictionKey,
  type ChoiceQuestion,
  type ItemBank,
  type Mirrored,
  type Side,
} from "@/server/assessments/item-bank";
import type { PersonName } from "@/server/people/call-name";

// One person's assessment as the form shows it: the item bank's questions from their side, with
// the other person's name filled in. Built on the server (the assessment page), so the browser
// receives only these texts, not the item bank.

export interface Option {
  value: AnswerValue;
  label: string;
  /** "Can't say": an answer, set apart from the scale. */
  cantSay?: boolean;
}

export interface Question {
  key: string;
  legend: string;
  options: Option[];
  columns: 3 | 5 | 6;
  /** The "how do you think they see it" question that closes a dimension. */
  prediction?: boolean;
}

export interface Questionnaire {
  /** One step each, in order. */
  dimensions: { key: string; name: string; about: string; questions: Question[] }[];
  /** The last step's required questions. */
  closing: Question[];
  /** The last step's optional free text. */
  topics: { key: string; label: string; maxLength: number };
}

const cantSay: Option = { value: CANT_SAY, label: CANT_SAY_LABEL, cantSay: true };
const scale = (points: readonly { value: number; label: string }[]): Option[] => [
  ...points.map((point) => ({ value: point.value, label: point.label })),
  cantSay,
];

export function buildQuestionnaire(bank: ItemBank, side: Side, other: PersonName): Questionnaire {
  const text = (mirrored: Mirrored) => personalize(mirrored[side], other);
  const choice = (question: ChoiceQuestion, columns: 3 | 5): Question => ({
    key: question.key,
    legend: text(question.text),
    options: question.options.map((option) => ({ value: option.value, label: text(option.label) })),
    columns,
  });
  return {
    dimensions: bank.dimensions.map((dimension) => ({
      key: dimension.key,
      name: dimension.name,
      about: text(dimension.about),
      questions: [
        ...(dimension.key === "contact" ? [choice(bank.meetings, 5)] : []),
        ...dimension.items.map((item): Question => ({ key: item.key, legend: text(item.text), options: scale(AGREEMENT_SCALE), columns: 6 })),
        { key: predictionKey(dimension.key), legend: text(dimension.prediction), options: scale(PREDICTION_SCALE), columns: 6, prediction: true },
      ],
    })),
    closing: [choice(bank.chooseAgain, 5), choice(bank.stance, 3)],
    topics: { key: bank.topics.key, label: text(bank.topics.text), maxLength: bank.topics.maxLength },
  };
}
