import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionItems, agendaItems } from "@/db/schema";
import { loadActor, type Actor } from "@/server/access/actor";
import { ConflictError } from "@/server/errors";
import { addActionItem, addAgendaItem } from "@/server/meetings/meeting";
import { createSeries, getPairMeetings } from "@/server/meetings/series";
import type { TestDb } from "../support/db";
import { callerFor, type World } from "../support/factories";
import { openWorld } from "../support/world";

// A browser that doesn't hear back from an "add" (the connection dropped after the server
// committed) sends it again with the same client key: the item must exist once, not twice.

const BEFORE = new Date("2027-01-01T12:00:00Z");
let t: TestDb;
let w: World;
let employee: Actor;
let meetings: string[];

beforeAll(async () => {
  ({ t, w } = await openWorld());
  employee = (await loadActor(t.db, w.a.report1.id))!;
  const pairId = (await callerFor(t.db, w.a.report1.id).me.get()).pairs.asReport[0]!.id;
  await createSeries(
    t.db,
    employee,
    { pairId, startsOn: "2027-01-04", frequency: "weekly", weekday: 1, weekOfMonth: null, startTime: "10:00", timeZone: "Europe/Berlin", durationMinutes: 30 },
    BEFORE,
  );
  meetings = (await getPairMeetings(t.db, employee, { pairId }, BEFORE)).upcoming.map((m) => m.id);
});
afterAll(() => t.close());

describe("adds with a client key", () => {
  it("an action item sent twice exists once, with the first call's id", async () => {
    const clientKey = crypto.randomUUID();
    const input = { meetingId: meetings[0]!, text: "Book the offsite", ownerId: w.a.report1.id, dueOn: null, clientKey };
    const first = await addActionItem(t.db, employee, input);
    const again = await addActionItem(t.db, employee, input);
    expect(again.id).toBe(first.id);
    const rows = await t.db
      .select({ id: actionItems.id })
      .from(actionItems)
      .where(and(eq(actionItems.orgId, w.a.org.id), eq(actionItems.clientKey, clientKey)));
    expect(rows).toHaveLength(1);
  });

  it("an agenda item sent twice, even concurrently, exists once", async () => {
    const clientKey = crypto.randomUUID();
    const input = { meetingId: meetings[0]!, text: "Hiring plan", clientKey };
    const [a, b] = await Promise.all([addAgendaItem(t.db, employee, input), addAgendaItem(t.db, employee, input)]);
    expect(a.id).toBe(b.id);
    const rows = await t.db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.text, "Hiring plan"));
    expect(rows).toHaveLength(1);
  });

  it("a key already used on another meeting is refused, and adds nothing", async () => {
    const clientKey = crypto.randomUUID();
    await addAgendaItem(t.db, employee, { meetingId: meetings[0]!, text: "Budget", clientKey });
    await expect(addAgendaItem(t.db, employee, { meetingId: meetings[1]!, text: "Budget", clientKey })).rejects.toBeInstanceOf(ConflictError);
    const onSecond = await t.db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetings[1]!));
    expect(onSecond).toHaveLength(0);
  });

  it("without a key, two adds are two items (people may add the same text twice on purpose)", async () => {
    const input = { meetingId: meetings[2]!, text: "Follow up", ownerId: w.a.report1.id, dueOn: null };
    await addActionItem(t.db, employee, input);
    await addActionItem(t.db, employee, input);
    const rows = await t.db
      .select({ id: actionItems.id })
      .from(actionItems)
      .where(and(eq(actionItems.meetingId, meetings[2]!), eq(actionItems.text, "Follow up")));
    expect(rows).toHaveLength(2);
  });
});
