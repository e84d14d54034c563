import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";

// `next start` servers for the benchmark, each in its own process group so stopping one stops
// its next-server child too (STACK.md). Variables are handed to env(1) rather than built from
// process.env (only server/env.ts reads it); empty ones count as unset for the app, so a
// developer's SMTP_URL or OIDC settings cannot leak into a run.

export interface BenchServer {
  port: number;
  url: string;
  logFile: string;
  startedAt: number;
  /** CPU time the server's processes have used so far, in ms (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ServerConfig {
  appDir: string;
  databaseUrl: string;
  authSecret: string;
}

export function newAuthSecret(): string {
  return crypto.randomBytes(33).toString("base64");
}

export async function startServer(config: ServerConfig, port: number): Promise<BenchServer> {
  const logFile = path.join(os.tmpdir(), `tandem-bench-${port}.log`);
  const log = fs.openSync(logFile, "w");
  const vars = {
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATABASE_URL: config.databaseUrl,
    AUTH_SECRET: config.authSecret,
    // Demo mode without SMTP: mail goes to the outbox table, where the benchmark checks it.
    TANDEM_DEMO: "1",
    SMTP_URL: "",
    AUTH_URL: "",
    OIDC_ISSUER: "",
    OIDC_CLIENT_ID: "",
    OIDC_CLIENT_SECRET: "",
    TANDEM_DATA_DIR: "",
  };
  const next = path.join(config.appDir, "node_modules", "next", "dist", "bin", "next");
  const child = spawn("env", [...Object.entries(vars).map(([k, v]) => `${k}=${v}`), process.execPath, next, "start", "-p", String(port)], {
    cwd: config.appDir,
    detached: true,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const startedAt = Date.now();
  let exited: number | string | null = null;
  child.on("exit", (code, signal) => (exited = code ?? signal ?? "unknown"));

  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      if (!groupAlive()) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      const deadline = Date.now() + 8_000;
      while (groupAlive() && Date.now() < deadline) await sleep(100);
    }
  };

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) throw new Error(`server on port ${port} exited (${exited}) while starting; see ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server on port ${port} did not answer /api/health within 120 s; see ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return { port, url, logFile, startedAt, cpuMs: () => cpuMsOf((stat) => stat.pgrp === child.pid), stop };
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/**
 * CPU time (user + system, ms) used so far by the processes `pick` selects, from /proc: the
 * processes that have exited since are not counted, so take differences over a span in which
 * they all live.
 */
export function cpuMsOf(pick: (stat: { pid: number; comm: string; pgrp: number }) => boolean): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const f = text.slice(close + 2).split(" ");
    if (pick({ pid: Number(entry), comm, pgrp: Number(f[2]) })) ticks += Number(f[11]) + Number(f[12]);
  }
  return (ticks * 1000) / TICKS_PER_S;
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "";
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The cookie Auth.js reads over plain http (no __Secure- prefix). */
export const SESSION_COOKIE = "authjs.session-token";

/**
 * A session cookie for a person, as Auth.js issues it at sign-in (a JWT encrypted with
 * AUTH_SECRET, salted with the cookie name; server/auth puts the person's id in it). Minting
 * it lets the load test sign in hundreds of people without the demo sign-in, which serves only
 * demo organizations, or emailed links, which are rate limited per address and IP as they
 * should be. The scale-out check signs in through the real email link flow.
 */
export async function mintSessionCookie(authSecret: string, person: { id: string; email: string; name: string }): Promise<string> {
  const token = await encode({
    token: { sub: crypto.randomUUID(), name: person.name, email: person.email, personId: person.id },
    secret: authSecret,
    salt: SESSION_COOKIE,
    maxAge: 24 * 60 * 60,
  });
  return `${SESSION_COOKIE}=${token}`;
}

/** Cookies a response sets, as one Cookie header value merged over `jar`. */
export function mergeCookies(jar: string, res: Response): string {
  const cookies = new Map(
    jar
      .split(/;\s*/)
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)] as const),
  );
  for (const set of res.headers.getSetCookie()) {
    const pair = set.split(";")[0]!;
    const name = pair.slice(0, pair.indexOf("="));
    const value = pair.slice(pair.indexOf("=") + 1);
    if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(set)) cookies.delete(name);
    else cookies.set(name, value);
  }
  return [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}
