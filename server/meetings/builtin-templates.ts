// Built-in agenda templates live in code, not the database: they ship with every deployment,
// need no seeding or migration, and their keys stay stable so meetings can point back to them.
// Wording is deliberately neutral: both people of the pair read the same items and prompts.

import type { BuiltinTemplate } from "@/server/meetings/template-types";

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    key: "first-one-on-one",
    name: "First 1:1",
    purpose: "Use this for the first 1:1 of a new pair. It builds a picture of each other, sets expectations both ways and agrees how your 1:1s will run.",
    sections: [
      {
        title: "Getting to know each other",
        items: [
          {
            text: "Background and what brought each of us here",
            prompt: "What path led you to this role, and what would you like the other person to know about you early on?",
          },
          {
            text: "What gives each of us energy at work, and what drains it",
            prompt: "What kind of work gives you energy, and what tends to wear you down?",
          },
          {
            text: "Life outside work, as much as each of us wants to share",
            prompt: "Is there anything outside work that would help the other person understand you better?",
          },
        ],
      },
      {
        title: "Working styles",
        items: [
          {
            text: "How we each prefer to communicate",
            prompt: "When something needs attention, do you prefer a message, a call or waiting for the 1:1, and how fast do you expect a reply?",
          },
          {
            text: "How we each like to give and receive feedback",
            prompt: "How do you most like to hear feedback, and what makes it easy for you to act on it?",
          },
          {
            text: "What stress looks like for each of us",
            prompt: "How would the other person notice that you are under pressure, and what helps most when you are?",
          },
        ],
      },
      {
        title: "Expectations both ways",
        items: [
          {
            text: "What each of us needs from the other to do our best work",
            prompt: "Think of the best working relationship you have had: what made it work, and what would it take to get there together?",
          },
          {
            text: "Decisions to make alone and decisions to talk through first",
            prompt: "Which kinds of decisions should one of us simply make, and which should we discuss before acting?",
          },
          {
            text: "What success looks like in the next few months",
            prompt: "A few months from now, what would make both of us say this is going well?",
          },
        ],
      },
      {
        title: "How we'll run our 1:1s",
        items: [
          {
            text: "Frequency, length and who adds to the agenda",
            prompt: "How often should we meet, for how long, and how will we both add topics to the agenda beforehand?",
          },
          {
            text: "What our 1:1s are for, and what they are not",
            prompt: "Which topics deserve our 1:1 time, and which are better handled elsewhere?",
          },
          {
            text: "How we'll check that these meetings are working",
            prompt: "When should we step back and ask whether these 1:1s are useful, and what would tell us they are not?",
          },
        ],
      },
    ],
  },
  {
    key: "weekly-check-in",
    name: "Weekly check-in",
    purpose: "Use this for your regular 1:1. It keeps you both current on wins, priorities and blockers, and makes sure last time's action items get done.",
    sections: [
      {
        title: "Since last time",
        items: [
          {
            text: "How each of us is doing",
            prompt: "On a scale of one to ten, how has the week been for you, and what would make it one point better?",
          },
          {
            text: "Review of open action items from last time",
            prompt: "Which of last time's action items are done, which are stuck, and do any need a new owner or date?",
          },
          {
            text: "Wins worth noticing",
            prompt: "What went well since we last met, big or small, and what made it work?",
          },
        ],
      },
      {
        title: "Priorities",
        items: [
          {
            text: "Top priorities until we next meet",
            prompt: "What are the one to three things that matter most before we meet again, and why those?",
          },
          {
            text: "Anything to stop, postpone or hand off",
            prompt: "Is there something on the plate that we should drop, postpone or give to someone else?",
          },
        ],
      },
      {
        title: "Blockers and support",
        items: [
          {
            text: "Blockers and risks",
            prompt: "What is slowing things down right now, and what has already been tried?",
          },
          {
            text: "Support needed from each other",
            prompt: "What is one thing the other person could do this week that would make the biggest difference?",
          },
        ],
      },
      {
        title: "Wrap-up",
        items: [
          {
            text: "Action items, owners and due dates",
            prompt: "What exactly is each of us taking away from this conversation, and by when?",
          },
          {
            text: "Topics to carry to next time",
            prompt: "Is there anything we didn't get to that should be first on the list next time?",
          },
        ],
      },
    ],
  },
  {
    key: "goals-alignment",
    name: "Goals alignment",
    purpose:
      "Use this at the start of a quarter or whenever priorities shift. It makes sure you agree on what matters most, what success looks like and how you will track progress.",
    sections: [
      {
        title: "The bigger picture",
        items: [
          {
            text: "Team and company priorities right now",
            prompt: "What are the team's most important outcomes this period, and how does this role's work connect to them?",
          },
          {
            text: "What has changed since we last set goals",
            prompt: "What has shifted in the business, the team or the role that should change what we aim for?",
          },
        ],
      },
      {
        title: "Goals and success",
        items: [
          {
            text: "Whether the current goals are still the right ones",
            prompt: "If we were setting goals from scratch today, which of the current ones would we keep, change or drop?",
          },
          {
            text: "What success looks like for each goal",
            prompt: "For each goal, how will we both know it has been reached, and what would 'good enough' look like?",
          },
          {
            text: "Which goal wins when goals compete",
            prompt: "When two goals pull in different directions, which one takes priority, and do we both see that the same way?",
          },
        ],
      },
      {
        title: "Making it happen",
        items: [
          {
            text: "Resources, skills and support needed",
            prompt: "What would it take to reach these goals, in time, people, skills or decisions, and who provides it?",
          },
          {
            text: "Risks and dependencies",
            prompt: "What could get in the way, and who outside the two of us do we depend on?",
          },
          {
            text: "How and when we'll review progress",
            prompt: "How will we track progress until the next review, and what should trigger an earlier conversation?",
          },
        ],
      },
    ],
  },
  {
    key: "trust-reset",
    name: "Trust reset",
    purpose:
      "Use this after a rough patch, a missed commitment or a conflict. It gives you both a safe, blame-free space to name what happened, own your part and agree how to rebuild trust.",
    sections: [
      {
        title: "Setting it up safely",
        items: [
          {
            text: "Why we're having this conversation",
            prompt: "What do you hope we will both walk away with from this conversation?",
          },
          {
            text: "Ground rules: listen first, assume good intent",
            prompt: "What would make it feel safe for you to be fully honest today?",
          },
        ],
      },
      {
        title: "What happened",
        items: [
          {
            text: "What happened, as each of us saw it",
            prompt: "Without judging yet, what happened from where you stood, and how did it affect you?",
          },
          {
            text: "The impact on our work and on each other",
            prompt: "What has changed in how we work together since then?",
          },
          {
            text: "What each of us may not have seen at the time",
            prompt: "What might the other person have been dealing with that you did not see back then?",
          },
        ],
      },
      {
        title: "Owning our part",
        items: [
          {
            text: "What each of us could have done differently",
            prompt: "Looking back, what is one thing you would do differently, regardless of what the other person did?",
          },
          {
            text: "What each of us needs to say or hear to move on",
            prompt: "Is there something you need to hear, or to say, before we can move forward?",
          },
        ],
      },
      {
        title: "Rebuilding trust",
        items: [
          {
            text: "Concrete commitments from each of us",
            prompt: "What is one specific thing you will do differently from now on, and how will the other person notice?",
          },
          {
            text: "How we'll raise concerns earlier next time",
            prompt: "What signal or habit would help either of us raise a concern before it grows?",
          },
          {
            text: "When to check in on how it's going",
            prompt: "When should we come back to this, and what would tell us trust is recovering?",
          },
        ],
      },
    ],
  },
  {
    key: "career-conversation",
    name: "Career conversation",
    purpose: "Use this a few times a year, away from day-to-day work. It explores long-term ambitions and turns them into concrete development steps.",
    sections: [
      {
        title: "Looking back",
        items: [
          {
            text: "Proudest moments so far",
            prompt: "Which moments in your career so far are you proudest of, and what do they have in common?",
          },
          {
            text: "Strengths and the work that brings out the best",
            prompt: "When are you at your best at work, and what does that say about the work to do more of?",
          },
        ],
      },
      {
        title: "Looking ahead",
        items: [
          {
            text: "Ambitions for the next two to five years",
            prompt: "If the next few years go really well, what are you doing, and what has changed?",
          },
          {
            text: "Roles, skills or experiences to explore",
            prompt: "Which roles, projects or people would be worth learning more about, even if the direction is not clear yet?",
          },
          {
            text: "What matters most in the next step",
            prompt: "What matters most in the next step: scope, mastery, impact, flexibility, pay or something else?",
          },
        ],
      },
      {
        title: "Making progress",
        items: [
          {
            text: "Gaps between today and where you want to be",
            prompt: "Which skills or experiences stand between where things are today and where you want to be?",
          },
          {
            text: "Growth opportunities in the current role",
            prompt: "Which stretch assignment or project in the current role could build toward that ambition?",
          },
          {
            text: "Mentors, sponsors and next steps",
            prompt: "Who else could help as a mentor or sponsor, and what is one step each of us takes before we next talk?",
          },
        ],
      },
    ],
  },
  {
    key: "two-way-feedback",
    name: "Two-way feedback",
    purpose:
      "Use this every month or two, or whenever feedback has been piling up. Both of you give and ask for feedback, so it flows from manager to employee and from employee to manager.",
    sections: [
      {
        title: "Setting the tone",
        items: [
          {
            text: "How we each like to receive feedback",
            prompt: "What makes feedback easy for you to hear and act on, and what makes it harder?",
          },
          {
            text: "What changed since our last feedback conversation",
            prompt: "What did each of us try since we last exchanged feedback, and did it make a difference?",
          },
        ],
      },
      {
        title: "Manager to employee",
        items: [
          {
            text: "Manager's feedback: what to keep doing",
            prompt: "What is the employee doing that works well and should continue, and what impact does it have?",
          },
          {
            text: "Manager's feedback: one thing to do differently",
            prompt: "What is one specific behavior the employee could change, with a recent example and its effect?",
          },
        ],
      },
      {
        title: "Employee to manager",
        items: [
          {
            text: "Employee's feedback: what to keep doing",
            prompt: "What does the manager do that helps the employee most, and why should it continue?",
          },
          {
            text: "Employee's feedback: one thing to do differently",
            prompt: "What is one thing the manager could do differently that would help the employee do their best work?",
          },
          {
            text: "What would make upward feedback easier",
            prompt: "What, if anything, makes it hard to give the manager honest feedback, and what would make it easier?",
          },
        ],
      },
      {
        title: "Wrap-up",
        items: [
          {
            text: "One change each of us will try",
            prompt: "Of everything said today, what is the one change each of us will commit to?",
          },
          {
            text: "When to follow up",
            prompt: "When should we check in on these changes, and what would show they are working?",
          },
        ],
      },
    ],
  },
  {
    key: "post-assessment-reflection",
    name: "Post-assessment reflection",
    purpose:
      "Use this right after both of your relationship assessments are revealed. It turns the differences in how you each see the relationship into a few shared commitments.",
    sections: [
      {
        title: "First reactions",
        items: [
          {
            text: "What surprised each of us",
            prompt: "Looking at the results, what surprised you most, and what confirmed something you already sensed?",
          },
          {
            text: "Where we already see things the same way",
            prompt: "Where do we agree and both rate highly, and what are we doing there that works?",
          },
        ],
      },
      {
        title: "The biggest gaps",
        items: [
          {
            text: "The two or three largest gaps",
            prompt: "Where do our answers differ most, and what do you think explains the difference?",
          },
          {
            text: "What each of us had in mind when answering",
            prompt: "For the biggest gaps, which specific moments or examples were you thinking of when you answered?",
          },
        ],
      },
      {
        title: "Blind spots",
        items: [
          {
            text: "Where a prediction of the other's answer was wrong",
            prompt: "Where did you guess the other person's answer wrong, and what might that say about what you don't see?",
          },
          {
            text: "What each of us could share more of",
            prompt: "What about your work, worries or goals could the other person not have known, and would it help them to know?",
          },
        ],
      },
      {
        title: "Commitments",
        items: [
          {
            text: "One or two commitments each",
            prompt: "What one or two concrete things will each of us do differently, starting this week?",
          },
          {
            text: "When to check again",
            prompt: "When should we look again, in a coming 1:1 or the next assessment, to see whether the gaps are closing?",
          },
        ],
      },
    ],
  },
  {
    key: "new-manager-handover",
    name: "New-manager handover",
    purpose:
      "Use this when a new manager takes over the relationship. It carries over context, goals in flight and what is known about working well together, so nothing important is lost in the change.",
    sections: [
      {
        title: "Context",
        items: [
          {
            text: "The role, its history and the team around it",
            prompt: "What does the new manager need to know about the role, how it has evolved and the people it works with?",
          },
          {
            text: "What the new manager brings and wants to learn",
            prompt: "What is the new manager's background, and what would be most useful to learn in the first few weeks?",
          },
        ],
      },
      {
        title: "Goals in flight",
        items: [
          {
            text: "Current goals and projects in progress",
            prompt: "Which goals and projects are under way, where do they stand, and which deadlines are coming up?",
          },
          {
            text: "Commitments made by the previous manager",
            prompt: "Were any promises made, for example about a promotion, training or a project, that the new manager should know about?",
          },
          {
            text: "Open action items and pending decisions",
            prompt: "Which open action items or pending decisions need a new owner now that the manager has changed?",
          },
        ],
      },
      {
        title: "Working together",
        items: [
          {
            text: "How the person likes to work",
            prompt: "How does the employee like to communicate, get feedback and be recognized, and what is best avoided?",
          },
          {
            text: "What worked and what didn't with the previous manager",
            prompt: "What did the previous manager do that really helped, and what would work better done differently?",
          },
          {
            text: "How we'll run our 1:1s from now on",
            prompt: "What rhythm and format should our 1:1s have, and is there anything from before worth keeping?",
          },
        ],
      },
      {
        title: "Growth",
        items: [
          {
            text: "Growth plans and career ambitions",
            prompt: "Which development plans or career goals are already in motion, and how can the new manager support them?",
          },
          {
            text: "Recent feedback and reviews worth knowing",
            prompt: "What recent feedback or review outcomes would help the new manager understand strengths and growth areas?",
          },
        ],
      },
    ],
  },
];

/** The built-in template with this key, or undefined when no built-in template has it. */
export function findBuiltinTemplate(key: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.key === key);
}
