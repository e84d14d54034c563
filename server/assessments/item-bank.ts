// The relationship assessment's questions, versioned. A cycle or check-in pins the version it
// was opened with, so results stay comparable; never change a published version's keys or
// meaning: add a new version instead.
//
// Every statement is written twice, once from the employee's side and once from the
// manager's, so both answers are about the same thing. `{name}` is what the other person is called (their given name, else their full name).
import { callName, type PersonName } from "@/server/people/call-name";

export type Side = "employee" | "manager";

export const DIMENSION_KEYS = ["contact", "conversation", "knowledge", "trust", "goals", "loyalty", "contribution", "respect", "feedback"] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

export interface Mirrored {
  employee: string;
  manager: string;
}

export interface AgreementItem {
  key: string;
  text: Mirrored;
}

export interface Dimension {
  key: DimensionKey;
  name: string;
  /** One sentence shown under the dimension's heading. */
  about: Mirrored;
  items: AgreementItem[];
  /** "How do you think {name} sees …": answered on the 5-point rating scale. */
  prediction: Mirrored;
}

export interface Choice {
  value: string;
  label: Mirrored;
}

export interface ChoiceQuestion {
  key: string;
  text: Mirrored;
  options: Choice[];
}

export interface ItemBank {
  version: number;
  dimensions: Dimension[];
  /** Factual contact item, asked with the contact dimension. */
  meetings: ChoiceQuestion;
  chooseAgain: ChoiceQuestion;
  stance: ChoiceQuestion;
  topics: { key: string; text: Mirrored; maxLength: number };
}

export const AGREEMENT_SCALE = [
  { value: 1, label: "Strongly disagree" },
  { value: 2, label: "Disagree" },
  { value: 3, label: "Neither" },
  { value: 4, label: "Agree" },
  { value: 5, label: "Strongly agree" },
] as const;

export const PREDICTION_SCALE = [
  { value: 1, label: "Very low" },
  { value: 2, label: "Low" },
  { value: 3, label: "Middling" },
  { value: 4, label: "High" },
  { value: 5, label: "Very high" },
] as const;

export const CANT_SAY = "cant_say" as const;
export const CANT_SAY_LABEL = "Can't say";

const same = (text: string): Mirrored => ({ employee: text, manager: text });

const v1: ItemBank = {
  version: 1,
  dimensions: [
    {
      key: "contact",
      name: "Contact rhythm",
      about: same("How often you two talk, and whether it is enough."),
      items: [
        { key: "contact.enough", text: same("We talk often enough for both of us to do our jobs well.") },
        {
          key: "contact.reachable",
          text: { employee: "When I need {name}, I can reach them in good time.", manager: "When {name} needs me, they can reach me in good time." },
        },
        { key: "contact.protected", text: same("Our 1:1s happen as planned; they are rarely cancelled or cut short.") },
      ],
      prediction: same("How do you think {name} rates how often you two talk?"),
    },
    {
      key: "conversation",
      name: "Conversation quality",
      about: same("Whether your conversations are two-way, personal and prepared, or status checks on the fly."),
      items: [
        { key: "conversation.two_way", text: same("Our conversations are two-way: we both bring topics and both listen.") },
        { key: "conversation.personal", text: same("We talk about more than work status: how things are going for each of us.") },
        { key: "conversation.prepared", text: same("Our 1:1s are prepared, not improvised on the fly.") },
      ],
      prediction: same("How do you think {name} rates the quality of your conversations?"),
    },
    {
      key: "knowledge",
      name: "Mutual knowledge",
      about: same("How much you each know of the other's work, obstacles, ambitions and worries."),
      items: [
        {
          key: "knowledge.work",
          text: { employee: "{name} knows what I am working on and why it matters.", manager: "I know what {name} is working on and why it matters." },
        },
        {
          key: "knowledge.obstacles",
          text: { employee: "{name} knows what gets in my way day to day.", manager: "I know what gets in {name}'s way day to day." },
        },
        {
          key: "knowledge.ambitions",
          text: { employee: "{name} knows where I want to go in my career.", manager: "I know where {name} wants to go in their career." },
        },
        {
          key: "knowledge.pressures",
          text: { employee: "I know the pressures and worries {name} is dealing with.", manager: "{name} knows the pressures and worries I am dealing with." },
        },
      ],
      prediction: same("How do you think {name} rates how well you know each other?"),
    },
    {
      key: "trust",
      name: "Trust",
      about: same("Confidence that the other gets things done, does the right thing, and has your interests at heart."),
      items: [
        {
          key: "trust.ability",
          text: {
            employee: "{name} trusts me to get things done without checking on me.",
            manager: "I trust {name} to get things done without checking on them.",
          },
        },
        {
          key: "trust.integrity",
          text: {
            employee: "I trust {name} to do the right thing, even when it costs them.",
            manager: "{name} trusts me to do the right thing, even when it costs me.",
          },
        },
        {
          key: "trust.benevolence",
          text: {
            employee: "{name} looks out for my interests, not only the team's results.",
            manager: "I look out for {name}'s interests, not only the team's results.",
          },
        },
        { key: "trust.candor", text: same("We can tell each other bad news or admit a mistake without fear.") },
      ],
      prediction: same("How do you think {name} rates trust between you?"),
    },
    {
      key: "goals",
      name: "Goal alignment",
      about: same("Knowing each other's priorities, and agreeing on what success looks like."),
      items: [
        {
          key: "goals.priorities",
          text: { employee: "I know {name}'s top priorities for this quarter.", manager: "{name} knows my top priorities for this quarter." },
        },
        {
          key: "goals.success",
          text: {
            employee: "{name} and I agree on what success in my role looks like.",
            manager: "{name} and I agree on what success in their role looks like.",
          },
        },
        { key: "goals.tradeoffs", text: same("When priorities clash, we agree on what comes first.") },
      ],
      prediction: same("How do you think {name} rates how aligned your goals are?"),
    },
    {
      key: "loyalty",
      name: "Loyalty",
      about: same("Having each other's back, and speaking up for each other."),
      items: [
        {
          key: "loyalty.backing",
          text: { employee: "{name} would back me up if I were criticized by others.", manager: "I would back {name} up if they were criticized by others." },
        },
        {
          key: "loyalty.advocacy",
          text: {
            employee: "{name} speaks up for my work where I am not in the room.",
            manager: "I speak up for {name}'s work where they are not in the room.",
          },
        },
        {
          key: "loyalty.upward",
          text: {
            employee: "I defend {name}'s decisions to others, even ones I argued against.",
            manager: "{name} defends my decisions to others, even ones they argued against.",
          },
        },
      ],
      prediction: same("How do you think {name} rates loyalty between you?"),
    },
    {
      key: "contribution",
      name: "Contribution",
      about: same("Going beyond the job description to help the other reach their goals."),
      items: [
        {
          key: "contribution.beyond",
          text: {
            employee: "I go beyond my job description to help {name} reach their goals.",
            manager: "{name} goes beyond their job description to help me reach my goals.",
          },
        },
        {
          key: "contribution.useful",
          text: { employee: "I know how to make my work most useful to {name}.", manager: "{name} knows how to make their work most useful to me." },
        },
        {
          key: "contribution.support",
          text: { employee: "{name} puts real effort into helping me succeed.", manager: "I put real effort into helping {name} succeed." },
        },
      ],
      prediction: same("How do you think {name} rates what you each contribute to the other's goals?"),
    },
    {
      key: "respect",
      name: "Professional respect",
      about: same("Respect for the other's competence, and seeking their view."),
      items: [
        {
          key: "respect.competence",
          text: { employee: "{name} respects my knowledge and competence at work.", manager: "I respect {name}'s knowledge and competence at work." },
        },
        {
          key: "respect.management",
          text: { employee: "I respect how {name} does their job as a manager.", manager: "{name} respects how I do my job as a manager." },
        },
        {
          key: "respect.views",
          text: {
            employee: "{name} asks for my view before deciding things that affect me.",
            manager: "I ask for {name}'s view before deciding things that affect them.",
          },
        },
      ],
      prediction: same("How do you think {name} rates the respect between you?"),
    },
    {
      key: "feedback",
      name: "Feedback and advice",
      about: same("Asking for and giving feedback and advice, in both directions."),
      items: [
        {
          key: "feedback.upward",
          text: { employee: "{name} asks me for feedback on how they manage me.", manager: "I ask {name} for feedback on how I manage them." },
        },
        { key: "feedback.downward", text: { employee: "I ask {name} for feedback on my work.", manager: "{name} asks me for feedback on their work." } },
        {
          key: "feedback.advice",
          text: { employee: "I go to {name} for advice when I am stuck.", manager: "{name} comes to me for advice when they are stuck." },
        },
        { key: "feedback.useful", text: same("The feedback we give each other is specific enough to act on.") },
      ],
      prediction: same("How do you think {name} rates feedback between you?"),
    },
  ],
  meetings: {
    key: "contact.meetings",
    text: same("In a typical month, how many 1:1 conversations do you have with {name}?"),
    options: [
      { value: "0", label: same("None") },
      { value: "1", label: same("One") },
      { value: "2", label: same("Two") },
      { value: "3-4", label: same("Three or four") },
      { value: "5+", label: same("Five or more") },
    ],
  },
  chooseAgain: {
    key: "choose_again",
    text: {
      employee: "If you could choose again, would you choose {name} as your manager?",
      manager: "If you could choose again, would you choose {name} for your team?",
    },
    options: [
      { value: "definitely_not", label: same("Definitely not") },
      { value: "probably_not", label: same("Probably not") },
      { value: "not_sure", label: same("Not sure") },
      { value: "probably", label: same("Probably") },
      { value: "definitely", label: same("Definitely") },
    ],
  },
  stance: {
    key: "stance",
    text: {
      employee: "Most days, do you feel you work for {name}, with {name}, or against {name}?",
      manager: "Most days, do you feel {name} works for you, with you, or against you?",
    },
    options: [
      { value: "for", label: { employee: "For {name}", manager: "For me" } },
      { value: "with", label: { employee: "With {name}", manager: "With me" } },
      { value: "against", label: { employee: "Against {name}", manager: "Against me" } },
    ],
  },
  topics: { key: "topics", text: same("What would you like the two of you to talk about? (optional)"), maxLength: 2000 },
};

const banks: Record<number, ItemBank> = { 1: v1 };

export const CURRENT_BANK_VERSION = 1;

export function getItemBank(version: number): ItemBank {
  const bank = banks[version];
  if (!bank) throw new Error(`Unknown item bank version ${version}`);
  return bank;
}

export function predictionKey(dimension: DimensionKey): string {
  return `predict.${dimension}`;
}

/** Fills in what the other person is called (their given name, else their full name: server/people/call-name.ts). */
export function personalize(text: string, other: PersonName): string {
  return text.replaceAll("{name}", callName(other));
}
