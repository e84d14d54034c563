import { spawn, type ChildProcess } from "node:child_process";
import { PROJECT_ROOT } from "./servers";

export interface Started {
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Stops the whole process group (npx, next, next-server): SIGTERM, then SIGKILL. */
  stop(): Promise<void>;
}

/**
 * Starts `npx next start -p PORT` in the project directory in its own process group. The
 * variables are given to `env(1)` rather than built from process.env (only server/env.ts may
 * read it); empty values count as unset for the app.
 */
export function startNext(port: number, vars: Record<string, string>): Started {
  const assignments = Object.entries({ NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...vars }).map(([k, v]) => `${k}=${v}`);
  const child = spawn("env", [...assignments, "npx", "next", "start", "-p", String(port)], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  let running = true;
  void exited.then(() => (running = false));

  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const groupGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (signalGroup(0)) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return true;
  };
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      // npx may have exited while next-server lives on in the group, so signal the group even
      // when the child is gone, and wait for all of it.
      if (running || signalGroup(0)) signalGroup("SIGTERM");
      if (!(await groupGone(5_000))) {
        signalGroup("SIGKILL");
        await groupGone(5_000);
      }
    },
  };
}

/** Resolves with the exit code, or rejects after `ms` with the output so far. */
export async function exitWithin(p: Started, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms; output:\n${p.output()}`)), ms);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls GET url until it answers `status`; fails early, with the output, if the process ends. */
export async function waitForStatus(p: Started, url: string, status: number, ms: number): Promise<Response> {
  const deadline = Date.now() + ms;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) {
      throw new Error(`server exited (${p.child.exitCode ?? p.child.signalCode}) while waiting for ${status} from ${url}; output:\n${p.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === status) return res;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${status} within ${ms} ms (last: ${last}); output:\n${p.output()}`);
}
