import { createRequire } from "node:module";

// Node's ESM loader sees only a default export in rrule's CommonJS build, so
// `import { RRule } from "rrule"` (server/meetings/recurrence.ts) fails outside a bundler
// (tsx). The benchmark's scripts map "rrule" here (scripts/bench/tsconfig.json) and get the
// CommonJS exports by name. Bundlers (Next, Vitest) are unaffected and never see this file.
const rrule = createRequire(import.meta.url)("rrule/dist/es5/rrule.js") as typeof import("rrule");

export const { RRule, RRuleSet, rrulestr, Frequency, Weekday, datetime } = rrule;
