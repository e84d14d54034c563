import type { DimensionKey, Side } from "@/server/assessments/item-bank";

// The words and numbers synthetic people, teams, agendas and answers are drawn from.

export const FIRST = [
  "Ada", "Ahmed", "Aiko", "Alejandro", "Amara", "Anders", "Ana", "Arjun", "Beatriz", "Ben", "Carla", "Chen", "Chloe", "Dara", "David", "Elena",
  "Emeka", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jada", "James", "Jin", "Jonas", "Julia", "Kai", "Karim",
  "Lea", "Leo", "Lina", "Lucas", "Maya", "Mei", "Mia", "Milan", "Nadia", "Nina", "Noah", "Olga", "Omar", "Paula", "Priya", "Rafael",
  "Rosa", "Sam", "Sara", "Sofia", "Tariq", "Tom", "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
];
export const LAST = [
  "Adams", "Ahmadi", "Alvarez", "Andersen", "Bauer", "Bello", "Brown", "Carter", "Castro", "Chen", "Costa", "Da Silva", "Dubois", "Evans",
  "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Ito", "Jansen", "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "Lopez", "Martin",
  "Meyer", "Mensah", "Moreau", "Murphy", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Petrov", "Quinn", "Ramos",
  "Rossi", "Sato", "Schmidt", "Shah", "Silva", "Singh", "Smith", "Tanaka", "Taylor", "Torres", "Varga", "Wagner", "Walker", "Wang",
  "Weber", "Wright", "Yilmaz", "Young", "Zhang",
];
// Functions under the CEO, with how large a share of the company each tends to be.
export const FUNCTIONS: readonly (readonly [string, number])[] = [
  ["Engineering", 10],
  ["Sales", 6],
  ["Customer Success", 4],
  ["Operations", 4],
  ["Product & Design", 3],
  ["Marketing", 3],
  ["Data", 2],
  ["Finance", 2],
  ["People", 2],
  ["IT", 1],
  ["Legal", 1],
];
export const TEAMS = [
  "Platform", "Payments", "Growth", "Mobile", "Core", "Infrastructure", "EMEA", "Americas", "APAC", "Enterprise", "SMB", "Onboarding",
  "Support", "Analytics", "Research", "Brand", "Partnerships", "Procurement", "Logistics", "Compliance", "Security", "Recruiting",
  "Operations", "Insights", "Billing", "Identity", "Search", "Checkout", "Retention", "Field",
];
export const ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Australia/Sydney"];
export const TOPICS = [
  "I'd like to agree on what matters most this quarter.",
  "How reviews of my work happen, and how I can get feedback sooner.",
  "My workload has been heavy; can we look at priorities together?",
  "Career growth: what would the next step look like?",
  "How we run our 1:1s: less status, more of what is hard.",
  "The reorganization and what it means for the team.",
  "I would like more context on decisions made above us.",
  "Getting more ownership of a project end to end.",
  "How we handle urgent requests that come in late.",
  "Training budget and a course I would like to take.",
];
export const AGENDA = [
  "Priorities for the next two weeks", "Blockers on the current project", "Feedback on the last release", "Career development plan",
  "Team workload and on-call", "Hiring for the open role", "Quarterly goals check", "Customer escalation follow-up", "Training and courses",
  "Process improvements", "Vacation planning", "What went well, what didn't",
];
export const ACTIONS = [
  "Share the draft plan", "Book time with the product lead", "Write up the incident review", "Send the training proposal",
  "Update the roadmap doc", "Ask the team for input", "Follow up with finance", "Review the hiring scorecard",
];
export const NOTES = [
  "Talked through priorities; agreed to move the reporting work to next sprint.",
  "Discussed the escalation. Next time we loop in support earlier.",
  "Good progress on the migration. Risk: testing capacity in the last week.",
  "Agreed on a rota for reviews so nobody waits more than a day.",
];
export const CHOOSE = ["definitely_not", "probably_not", "not_sure", "probably", "definitely"] as const;
// Where a dimension tends to sit relative to the relationship as a whole (respect high, feedback low).
export const DIMENSION_OFFSET: Record<DimensionKey, number> = {
  contact: 0.1,
  conversation: -0.1,
  knowledge: -0.15,
  trust: 0.1,
  goals: -0.05,
  loyalty: 0.1,
  contribution: 0.15,
  respect: 0.25,
  feedback: -0.35,
};
// Items people skip more often with "can't say", per side.
export const CANT_SAY_PRONE: Record<Side, Record<string, number>> = {
  employee: { "knowledge.pressures": 0.1, "feedback.upward": 0.05, "loyalty.upward": 0.04 },
  manager: { "trust.integrity": 0.08, "loyalty.upward": 0.06, "contribution.beyond": 0.04 },
};
