import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { SMTPServer } from "smtp-server";

// `next start` servers for the benchmark, each in its own process group so stopping one stops
// its next-server child too (STACK.md). Variables are handed to env(1) rather than built from
// process.env (only server/env.ts reads it); empty ones count as unset for the app, so a
// developer's SMTP_URL or OIDC settings cannot leak into a run.

export interface BenchServer {
  port: number;
  url: string;
  logFile: string;
  startedAt: number;
  /** The server's process group: `next start` and its next-server child. */
  pgrp: number;
  /** CPU time the server's processes have used so far, in ms (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ServerConfig {
  appDir: string;
  databaseUrl: string;
  authSecret: string;
  /** Where the servers send mail: the benchmark's own sink (startMailSink). */
  smtpUrl: string;
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
    // Not demo mode (a demo server refuses a database with a real organization): mail goes over
    // SMTP to the benchmark's sink, which keeps it in the outbox table where the checks read it.
    TANDEM_DEMO: "0",
    SMTP_URL: config.smtpUrl,
    AUTH_URL: `http://localhost:${port}`,
    TANDEM_TRUSTED_PROXIES: "",
    // The benchmark's own mail sink takes any rate: at the default 300 a minute per
    // organization, the workers would still be sending the first sweep's emails during the
    // load tests, and their CPU would count against every request measured.
    TANDEM_MAIL_PER_MINUTE: "100000",
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
  return { port, url, logFile, startedAt, pgrp: child.pid!, cpuMs: () => cpuMsOf((stat) => stat.pgrp === child.pid), stop };
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/**
 * CPU time (user + system, ms) used so far by each process `pick` selects, by pid, from /proc;
 * `cmdline` is read for postgres processes only (a backend shows its database there).
 */
export function cpuByPid(pick: (stat: { pid: number; comm: string; pgrp: number; cmdline: string }) => boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    let cmdline = "";
    try {
      text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (text.includes("(postgres)")) cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      continue; // gone meanwhile
    }
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const f = text.slice(close + 2).split(" ");
    if (pick({ pid: Number(entry), comm, pgrp: Number(f[2]), cmdline })) out.set(Number(entry), ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S);
  }
  return out;
}

/**
 * CPU used between two `cpuByPid` readings by the processes alive at the second: a process that
 * started meanwhile counts whole, one that exited meanwhile is lost (never negative).
 */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** The Postgres backends (and autovacuum workers) of one database, not the server's others nor its shared processes. */
export const backendsOf = (database: string) => (p: { comm: string; cmdline: string }) => p.comm === "postgres" && p.cmdline.includes(` ${database} `);

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

/** Tandem's session cookie over plain http (server/auth/session-cookie.ts). */
export const SESSION_COOKIE = "tandem.session";

/**
 * A session cookie for a person, as /sign-in/continue makes one: a row of app_sessions (the
 * token's SHA-256) for the identity holding the person's address. Minting it lets the load test
 * sign in hundreds of people without emailed links, which are rate limited per address and
 * client as they should be. The scale-out check signs in through the real email link flow.
 */
export async function mintSessionCookie(sql: postgres.Sql, person: { id: string; email: string; name: string }): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const hash = crypto.createHash("sha256").update(token).digest("hex");
  const [user] = await sql<{ id: string }[]>`insert into users (id, email, name) values (${crypto.randomUUID()}, ${person.email}, ${person.name}) on conflict (email) do update set name = excluded.name returning id`;
  await sql`insert into app_sessions (token_hash, user_id, org_id, person_id, method, expires_at) select ${hash}, ${user!.id}, org_id, id, 'email', now() + interval '30 days' from people where id = ${person.id}`;
  return `${SESSION_COOKIE}=${token}`;
}

/** The plain-text part of a MIME message as nodemailer sends it (quoted-printable or 7bit). */
function plainText(raw: string): { subject: string; text: string } {
  const subject = /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? "";
  const part = /Content-Type: text\/plain[^\r\n]*\r?\n((?:[^\r\n]+\r?\n)*)\r?\n([\s\S]*?)(?:\r?\n--[^\r\n]+|$)/i.exec(raw);
  const body = part?.[2] ?? raw.split(/\r?\n\r?\n/).slice(1).join("\n");
  const qp = /quoted-printable/i.test(part?.[1] ?? "");
  const text = qp ? Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8") : body;
  return { subject, text };
}

/** An SMTP server that keeps every message in outbox_emails, for the checks that read mail. */
export async function startMailSink(sql: postgres.Sql, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("latin1")));
      stream.on("end", () => {
        const { subject, text } = plainText(raw);
        const rows = session.envelope.rcptTo.map((r) => ({ to: r.address, subject, text }));
        sql`insert into outbox_emails ${sql(rows, "to", "subject", "text")}`.then(() => done(), (err: Error) => done(err));
      });
    },
  });
  // A server that stops drops its pooled connections: the sink sees ECONNRESET, which without a
  // listener would end the benchmark. Anything else is worth a line, not a crash either.
  sink.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET") console.error(`[bench] mail sink: ${err.message}`);
  });
  await new Promise<void>((resolve) => sink.listen(port, "127.0.0.1", resolve));
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => sink.close(() => resolve())) };
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
