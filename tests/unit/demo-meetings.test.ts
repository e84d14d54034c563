import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { demoMeetingDay } from "@/db/seed/demo-meetings";

describe("the demo pair's weekly 1:1", () => {
  it("falls on a working day, two to four days after the seed day, whatever day the demo is seeded", () => {
    // 2026-12-07 is a Monday: seed on each day of that week.
    for (let i = 0; i < 7; i++) {
      const today = DateTime.fromISO("2026-12-07", { zone: "Europe/London" }).plus({ days: i });
      const day = demoMeetingDay(today);
      expect(day.weekday, today.toISODate()!).toBeLessThanOrEqual(5);
      const ahead = day.diff(today, "days").days;
      expect(ahead).toBeGreaterThanOrEqual(2);
      expect(ahead).toBeLessThanOrEqual(4);
    }
    // Seeded on a Thursday, the Saturday two days on becomes the Monday.
    expect(demoMeetingDay(DateTime.fromISO("2026-12-10", { zone: "Europe/London" })).toISODate()).toBe("2026-12-14");
  });
});
