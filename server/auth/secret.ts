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
export function resolveAuthSecret(environment: Env): string {
  if (environment.AUTH_SECRET) return environment.AUTH_SECRET;
  let secret = generated.get(environment);
  if (secret === undefined) generated.set(environment, (secret = readOrCreate(environment)));
  return secret;
}

function readOrCreate(environment: Env): string {
  if (environment.databaseKind !== "pglite") throw new EnvError("AUTH_SECRET is required with DATABASE_URL.");
  const file = path.join(environment.dataDir, "auth-secret");
  fs.mkdirSync(environment.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(33).toString("base64"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return fs.readFileSync(file, "utf8").trim();
}
