import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { migrateEmbedded } from "@/db/migrate";
import { env } from "@/server/env";

// Migrating a fresh PGlite takes seconds; do it once and let every test file load a copy
// of the migrated data directory (STACK.md, PGlite pitfall 5).
export default async function setup(project: TestProject) {
  if (env().TEST_DATABASE_URL) return;
  const client = await PGlite.create();
  await migrateEmbedded(client);
  const dump = await client.dumpDataDir("gzip");
  await client.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tandem-test-")), "migrated.tar.gz");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteSnapshot", file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}
