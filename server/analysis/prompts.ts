import type { DimensionKey } from "@/server/assessments/item-bank";

// Discussion prompts the pair dashboard attaches to notable gaps and blind spots, and that
// "Plan our next 1:1 from this" turns into agenda items. Both people read the same text, so
// every prompt speaks to the pair ("you"), names a side only by its role in the relationship,
// and asks a question or two the pair can act on in one 1:1. A gap is a difference in view,
// never a fault: no prompt says who is right.

/** Which side rated a dimension higher: the employee (the report) or the manager. */
export type GapDirection = "employee_higher" | "manager_higher";

// Typed as a full Record so that adding a dimension to the bank fails to compile until it
// has its prompts.
const DISCUSSION_PROMPTS: Record<DimensionKey, Record<GapDirection, string>> = {
  contact: {
    employee_higher:
      "You see your contact rhythm differently: the report rates it higher than the manager does. Manager, what would you like to hear about sooner than you do now? Then agree together whether that needs more time, or a different format such as a short written update between 1:1s.",
    manager_higher:
      "You see your contact rhythm differently: the manager rates it higher than the report does. Report, think of a recent moment when you needed the manager and had to wait. Then decide together whether your 1:1s should be more frequent, longer, or better protected from cancellation.",
  },
  conversation: {
    employee_higher:
      "You see your conversations differently: the report rates them higher than the manager does. Manager, which part feels thin to you: the two-way exchange, the personal side, or the preparation? Each of you pick one thing to try in your next 1:1.",
    manager_higher:
      "You see your conversations differently: the manager rates them higher than the report does. Report, what would make a 1:1 feel more like yours: opening with your topic, more time on how you are doing, or an agenda shared the day before? Manager, ask what you could drop to make room for it.",
  },
  knowledge: {
    employee_higher:
      "You see how well you know each other differently: the report rates it higher than the manager does. Manager, ask about one obstacle and one career wish you are unsure of. Report, share one thing about your work that you assume is obvious but may not be.",
    manager_higher:
      "You see how well you know each other differently: the manager rates it higher than the report does. Manager, describe in a few sentences what the report works on, what gets in their way and where they want to go. Report, say what is missing or has changed since you last talked about it.",
  },
  trust: {
    employee_higher:
      "You see trust differently: the report rates it higher than the manager does. Manager, name one area where you would like to hand over more, and what you would need to see first. Report, ask what kind of update would let the manager check in less.",
    manager_higher:
      "You see trust differently: the manager rates it higher than the report does. Manager, ask what would make it easier for them to bring you bad news early, and what you do when they do. Report, if you are comfortable, share one moment when speaking up felt risky.",
  },
  goals: {
    employee_higher:
      "You see your goal alignment differently: the report rates it higher than the manager does. Each of you write down the report's top three priorities and what success looks like this quarter, then compare the two lists and settle the differences.",
    manager_higher:
      "You see your goal alignment differently: the manager rates it higher than the report does. Report, which priority or measure of success feels unclear or keeps shifting? Agree together what comes first when two priorities clash, and write it down.",
  },
  loyalty: {
    employee_higher:
      "You see loyalty differently: the report rates it higher than the manager does. Manager, is there a moment when you would have liked more support, for example when one of your decisions was questioned by others? Agree together how you raise disagreement in private and stand behind a decision in public.",
    manager_higher:
      "You see loyalty differently: the manager rates it higher than the report does. Report, was there a situation where you did not feel backed up, or represented when you were not in the room? Manager, ask where your support could be more visible: who hears about the report's work, and from whom.",
  },
  contribution: {
    employee_higher:
      "You see what you contribute to each other's goals differently: the report rates it higher than the manager does. Manager, name one of your goals where the report's help would matter most. Report, ask how your work could be most useful to it.",
    manager_higher:
      "You see what you contribute to each other's goals differently: the manager rates it higher than the report does. Report, what help from the manager would make the biggest difference to your success right now? Manager, ask whether the effort you put in reaches them in a form they can use.",
  },
  respect: {
    employee_higher:
      "You see professional respect differently: the report rates it higher than the manager does. Manager, what would help you rely more on the report's expertise, and where would you like your own judgement as a manager to be better understood? Report, ask which decisions the manager would welcome your view on earlier.",
    manager_higher:
      "You see professional respect differently: the manager rates it higher than the report does. Report, is there a recent decision affecting you where you would have liked to be asked first? Manager, ask which of the report's strengths you could draw on more.",
  },
  feedback: {
    employee_higher:
      "You see feedback and advice differently: the report rates it higher than the manager does. Manager, what feedback would you like from the report about how you manage? Agree on one concrete way to ask for it, such as one question at the end of each 1:1.",
    manager_higher:
      "You see feedback and advice differently: the manager rates it higher than the report does. Report, when did feedback last really help you, and what made it usable? Manager, ask for one specific thing you could do differently as a manager, and thank them for saying it.",
  },
};

// A blind spot is one side's prediction missing the other's view. The prompt does not say
// which side predicted (the dashboard shows that beside it); it invites the one who guessed
// to ask, and the one who answered to explain.
const BLIND_SPOT_PROMPTS: Record<DimensionKey, { predictedHigher: string; predictedLower: string }> = {
  contact: {
    predictedHigher:
      "One of you expected the other to rate how often you talk higher than they did. Ask what a good rhythm would look like for them, and what usually gets in the way of it.",
    predictedLower:
      "One of you expected the other to rate how often you talk lower than they did. Ask what already works about your rhythm, so you keep it when calendars get busy.",
  },
  conversation: {
    predictedHigher:
      "One of you expected the other to rate your conversations higher than they did. Ask what a really useful 1:1 looks like to them, and what the last one was missing.",
    predictedLower:
      "One of you expected the other to rate your conversations lower than they did. Ask what they value in them, so you both know what to protect.",
  },
  knowledge: {
    predictedHigher:
      "One of you expected the other to feel better known than they do. Ask what they wish you knew about their work, their obstacles or their plans.",
    predictedLower:
      "One of you expected the other to rate how well you know each other lower than they did. Ask what helped them feel understood, and keep doing it.",
  },
  trust: {
    predictedHigher:
      "One of you expected the other to rate trust higher than they did. Keeping it about the situation rather than either person, ask what has made trust harder lately, and what one small step would help rebuild it.",
    predictedLower:
      "One of you expected the other to rate trust lower than they did. Talk about what has built that trust, and whether the one who expected less has a worry worth sharing.",
  },
  goals: {
    predictedHigher:
      "One of you expected the other to see your goals as more aligned than they do. Ask which priority or measure of success feels unclear to them, and agree on it in writing.",
    predictedLower:
      "One of you expected the other to see your goals as less aligned than they do. Check that you mean the same thing by comparing your top priorities side by side.",
  },
  loyalty: {
    predictedHigher:
      "One of you expected the other to rate loyalty higher than they did. Ask about a situation where they would have liked more support, and what that support would have looked like.",
    predictedLower:
      "One of you expected the other to rate loyalty lower than they did. Ask which moments made them feel backed up, and share any situation where you were unsure of each other.",
  },
  contribution: {
    predictedHigher:
      "One of you expected the other to rate what you contribute to each other's goals higher than they did. Ask which kind of help would make the biggest difference to their goals now.",
    predictedLower:
      "One of you expected the other to rate what you contribute to each other's goals lower than they did. Ask which help has mattered most to them, so you can keep it up.",
  },
  respect: {
    predictedHigher:
      "One of you expected the other to rate professional respect higher than they did. Ask where they would like their expertise or view to count for more, and how you could show it.",
    predictedLower:
      "One of you expected the other to rate professional respect lower than they did. Ask what shows them respect in your work together, and say what shows it to you.",
  },
  feedback: {
    predictedHigher:
      "One of you expected the other to rate feedback and advice higher than they did. Ask what kind of feedback would help them most, and how often they would like it.",
    predictedLower:
      "One of you expected the other to rate feedback and advice lower than they did. Ask which feedback was most useful recently, and make it a habit in both directions.",
  },
};

/** The prompt for a notable gap on `dimension`, by which side rated it higher. */
export function discussionPrompt(dimension: DimensionKey, direction: GapDirection): string {
  return DISCUSSION_PROMPTS[dimension][direction];
}

/**
 * The prompt for a blind spot on `dimension`: `predictedHigher` when the prediction was above
 * the other side's actual rating (the predictor thought things looked better to them).
 */
export function blindSpotPrompt(dimension: DimensionKey, predictedHigher: boolean): string {
  const prompts = BLIND_SPOT_PROMPTS[dimension];
  return predictedHigher ? prompts.predictedHigher : prompts.predictedLower;
}
