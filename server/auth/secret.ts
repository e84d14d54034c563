import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { EnvError, type Env } from "@/server/env";

// A generated secret, read once per configuration: every request's session check asks for it.
const generated = new WeakMap<Env, string>();

/**
 * AUTH_SECRET signs sessions. With the embedded database a fresh one is generated on first
 * start and kept in the data directory (never committed); with Postgres it must be configured,
 * since every app server must share it.
 */
export function resolveAuthSecret(e: Env): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  let secret = generated.get(e);
  if (secret === undefined) generated.set(e, (secret = readOrCreate(e)));
  return secret;
}

function readOrCreate(e: Env): string {
  if (e.databaseKind !== "pglite") throw new EnvError("AUTH_SECRET is required with DATABASE_URL.");
  const file = path.join(e.dataDir, "auth-secret");
  fs.mkdirSync(e.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(33).toString("base64"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return fs.readFileSync(file, "utf8").trim();
}
