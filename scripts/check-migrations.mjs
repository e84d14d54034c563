// Fails when db/schema and the committed migrations disagree: runs drizzle-kit generate into a
// scratch copy of db/migrations and checks that it had nothing to write.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-migrations-"));
try {
  fs.cpSync("db/migrations", scratch, { recursive: true });
  const before = fs.readdirSync(scratch).sort();
  // drizzle-kit mangles absolute --out paths ("./" + path), and exits 0 on some errors, so
  // pass a relative path and require a positive answer.
  const output = execFileSync(
    "npx",
    [
      "drizzle-kit",
      "generate",
      "--dialect",
      "postgresql",
      "--schema",
      "./db/schema/index.ts",
      "--casing",
      "snake_case",
      "--out",
      path.relative(process.cwd(), scratch),
      "--name",
      "drift",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const added = fs.readdirSync(scratch).filter((f) => !before.includes(f));
  if (added.length > 0) {
    const sql = added
      .filter((f) => f.endsWith(".sql"))
      .map((f) => fs.readFileSync(path.join(scratch, f), "utf8"))
      .join("\n");
    console.error(`db/schema changed without a migration. Run \`npm run db:generate\` and commit the SQL. It would add:\n\n${sql}`);
    process.exit(1);
  }
  if (!/No schema changes/i.test(output)) {
    console.error(`drizzle-kit generate did not confirm the schema is unchanged:\n${output}`);
    process.exit(1);
  }
  console.log("Migrations match the schema.");
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
