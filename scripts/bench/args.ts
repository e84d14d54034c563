import { parseArgs } from "node:util";

// Command-line options shared by `npm run bench` and `npm run db:synthetic`.

export interface BenchArgs {
  people: number;
  cycles: number;
  seed: number;
  reseed: boolean;
  runs: number;
  duration: number;
  connections: number;
  port: number;
  workerWait: number;
  lighthouseRuns: number;
  appDir: string;
  skip: Set<string>;
  /** Load scenarios to run (the floor always runs); empty: all of them. */
  scenarios: Set<string>;
  out: string;
}

const SECTIONS = ["trends", "shapes", "js", "servers", "load", "lighthouse", "scale"] as const;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${value}"`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: "string" },
      cycles: { type: "string" },
      seed: { type: "string" },
      reseed: { type: "boolean", default: false },
      runs: { type: "string" },
      duration: { type: "string" },
      connections: { type: "string" },
      port: { type: "string" },
      "worker-wait": { type: "string" },
      "lighthouse-runs": { type: "string" },
      "app-dir": { type: "string" },
      skip: { type: "string", multiple: true },
      scenario: { type: "string", multiple: true },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`Options:
  --people N         people in the synthetic organization (default 20000)
  --cycles N         assessment cycles (default 8; the last one is open)
  --seed N           generator seed (default 1)
  --reseed           wipe and generate the organization again even if it is there
  --runs N           runs per HR trends measurement (default 30)
  --duration S       seconds per load test (default 30)
  --connections N    autocannon connections (default 50)
  --port N           first server port (default 3300; the second server uses N+1)
  --worker-wait S    how long to wait for the servers' first reminder sweep before loading them (default 600)
  --lighthouse-runs N  Lighthouse runs per page; the median run is kept (default 5)
  --app-dir DIR      checkout whose production build (.next) is served (default: this one)
  --skip SECTION     skip one of: ${SECTIONS.join(", ")} (repeatable)
  --scenario NAME    run only this load scenario and the floor (repeatable or comma-separated; e.g. homeWideManager)
  --out FILE         results file (default bench/results.json)`);
    process.exit(0);
  }
  const skip = new Set<string>();
  for (const s of values.skip ?? []) {
    for (const part of s.split(",")) {
      if (!(SECTIONS as readonly string[]).includes(part)) throw new Error(`--skip: unknown section "${part}" (one of ${SECTIONS.join(", ")})`);
      skip.add(part);
    }
  }
  const scenarios = new Set((values.scenario ?? []).flatMap((s) => s.split(",")).filter(Boolean));
  return {
    people: positiveInt("people", values.people, 20_000),
    cycles: positiveInt("cycles", values.cycles, 8),
    seed: positiveInt("seed", values.seed, 1),
    reseed: values.reseed ?? false,
    runs: positiveInt("runs", values.runs, 30),
    duration: positiveInt("duration", values.duration, 30),
    connections: positiveInt("connections", values.connections, 50),
    port: positiveInt("port", values.port, 3300),
    workerWait: positiveInt("worker-wait", values["worker-wait"], 600),
    lighthouseRuns: positiveInt("lighthouse-runs", values["lighthouse-runs"], 5),
    appDir: values["app-dir"] ?? process.cwd(),
    skip,
    scenarios,
    out: values.out ?? "bench/results.json",
  };
}
