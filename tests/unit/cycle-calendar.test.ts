import { describe, expect, it } from "vitest";
import { autoReminderAt, closesAt, cycleTimes, localToday, opensAt } from "@/server/cycles/calendar";

// A cycle's dates are days in its organization's zone: it opens at their first instant and
// closes at the first instant of the day after the close date (server/cycles/calendar.ts).

describe("cycle dates as instants", () => {
  it("reads dates in the zone, across daylight-saving changes", () => {
    expect(opensAt("2027-01-03", "Europe/Berlin").toISOString()).toBe("2027-01-02T23:00:00.000Z");
    expect(opensAt("2027-07-03", "Europe/Berlin").toISOString()).toBe("2027-07-02T22:00:00.000Z");
    expect(opensAt("2027-01-03", "UTC").toISOString()).toBe("2027-01-03T00:00:00.000Z");
    expect(opensAt("2027-01-03", "America/New_York").toISOString()).toBe("2027-01-03T05:00:00.000Z");
    // The end of 28 March 2027 in Berlin, the day clocks go forward: a 23-hour day.
    expect(closesAt("2027-03-28", "Europe/Berlin").toISOString()).toBe("2027-03-28T22:00:00.000Z");
    expect(closesAt("2027-03-27", "Europe/Berlin").toISOString()).toBe("2027-03-27T23:00:00.000Z");
    // Fourteen hours ahead of UTC.
    expect(closesAt("2027-03-31", "Pacific/Kiritimati").toISOString()).toBe("2027-03-31T10:00:00.000Z");
  });

  it("starts a day that has no midnight at its first instant", () => {
    // Santiago moves clocks from 00:00 to 01:00 on 5 September 2027.
    expect(opensAt("2027-09-05", "America/Santiago").toISOString()).toBe("2027-09-05T04:00:00.000Z");
  });

  it("places the reminder at 09:00 local three days before the close date", () => {
    expect(autoReminderAt("2027-03-31", "Europe/Berlin").toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(autoReminderAt("2027-01-31", "Europe/Berlin").toISOString()).toBe("2027-01-28T08:00:00.000Z");
  });

  it("has no reminder for a cycle too short for one, or opened after its time", () => {
    const zone = "Europe/Berlin";
    expect(cycleTimes({ opensOn: "2027-03-01", closesOn: "2027-03-31", openedAt: null }, zone).reminderAt?.toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(cycleTimes({ opensOn: "2027-03-01", closesOn: "2027-03-31", openedAt: new Date("2027-03-28T06:59:00Z") }, zone).reminderAt).not.toBeNull();
    expect(cycleTimes({ opensOn: "2027-03-01", closesOn: "2027-03-31", openedAt: new Date("2027-03-28T07:00:00Z") }, zone).reminderAt).toBeNull();
    // Opens on the 28th at 00:00, before the 09:00 reminder: one.
    expect(cycleTimes({ opensOn: "2027-03-28", closesOn: "2027-03-31", openedAt: null }, zone).reminderAt).not.toBeNull();
    expect(cycleTimes({ opensOn: "2027-03-29", closesOn: "2027-03-31", openedAt: null }, zone).reminderAt).toBeNull();
  });

  it("knows today's date in the zone", () => {
    const now = new Date("2027-01-02T23:30:00Z");
    expect(localToday(now, "UTC")).toBe("2027-01-02");
    expect(localToday(now, "Europe/Berlin")).toBe("2027-01-03");
  });
});
