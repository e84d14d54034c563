import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are SQL files committed under db/migrations and applied
// by the server at start (db/migrate.ts). Never `push` against a shared database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
