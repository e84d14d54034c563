import { vi } from "vitest";
import { createTestDb, type TestDb } from "./db";
import { createWorld, type World } from "./factories";

/**
 * A test file's database with the two organizations of createWorld in it, and the console's
 * info lines (mail and job logs) quiet for the file: `beforeAll(async () => ({ t, w } = await
 * openWorld()))`, and `afterAll(() => t.close())`.
 */
export async function openWorld(): Promise<{ t: TestDb; w: World }> {
  vi.spyOn(console, "info").mockImplementation(() => {});
  const t = await createTestDb();
  return { t, w: await createWorld(t.db) };
}
