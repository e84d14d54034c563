import type { Db } from "@/db/client";
import { mailHandlers } from "@/server/jobs/mail";
import { runDueJobs } from "@/server/jobs/queue";

/**
 * What the worker would do next: sends every queued email that is due (invitations, cycle
 * emails, reminder rounds: server/jobs/mail.ts), without a rate, so a test can read the outbox.
 */
export async function sendQueuedMail(db: Db, now = new Date()): Promise<void> {
  const handlers = mailHandlers({ perMinute: 1_000_000 });
  while ((await runDueJobs(db, now, handlers, { limit: 200 })).claimed > 0);
}
