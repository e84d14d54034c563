import postgres from "postgres";
import { drizzleForPostgres } from "@/db/client";
import { readSession } from "@/server/auth/sessions";
import { time, type Timing } from "./stats";

// What the server-side session check adds to each signed-in request (issue 16): `readSession`,
// the one statement that checks the session, that its person is active and still holds the
// identity's address, and reads their roles, timed in this process beside `select 1` over the
// same connection pool: the least a statement costs. Page and API requests pay it once each.

export interface SessionCheck {
  check: Timing;
  floor: Timing;
  /** check p50 over floor p50. */
  ratio: number;
}

export async function measureSessionCheck(url: string, cookie: string, runs = 500): Promise<SessionCheck> {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const db = drizzleForPostgres(client);
    const token = cookie.slice(cookie.indexOf("=") + 1);
    if (!(await readSession(db, token, { demo: false }))) throw new Error("the minted session does not read back");
    const check = await time(runs, () => readSession(db, token, { demo: false }));
    const floor = await time(runs, () => client`select 1`);
    return { check, floor, ratio: Math.round((check.p50Ms / floor.p50Ms) * 10) / 10 };
  } finally {
    await client.end({ timeout: 5 });
  }
}
