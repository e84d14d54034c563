import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, IMPORT_BODY_LIMIT_BYTES, NOTE_MAX_CHARS } from "@/server/http/limits";
import { IMPORT_LIMITS } from "@/server/people-import/columns";

// The field limits (zod, textareas) and the body limits (server/http/limits.ts) must agree: a
// note or a file the page lets through must never meet a 413.

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
const batchOf = (...inputs: unknown[]) => Object.fromEntries(inputs.map((json, i) => [i, { json }]));

describe("what a page can send fits in the body limits", () => {
  it("two notes of the longest, in the costliest characters, saved in one batch", () => {
    const meetingId = crypto.randomUUID();
    for (const worst of ["\u0001", "\u20ac", "\u{1F600}", '"']) {
      const body = worst.repeat(Math.floor(NOTE_MAX_CHARS / worst.length));
      expect(body.length).toBeLessThanOrEqual(NOTE_MAX_CHARS);
      const shared = { meetingId, body, baseVersion: 2_000_000_000 };
      const size = bytes(batchOf(shared, { meetingId, body }));
      expect(size, JSON.stringify(worst)).toBeLessThan(BODY_LIMIT_BYTES);
    }
  });

  it("a people file of the largest size, in ordinary text (names with accents, quotes)", () => {
    const row = 'émilie.côté@example.test,"Côté, Émilie",manager@example.test,Ingénierie,Développeuse « senior »,2026-01-05\n';
    const csv = row.repeat(Math.floor(IMPORT_LIMITS.maxChars / row.length));
    expect(csv.length).toBeLessThanOrEqual(IMPORT_LIMITS.maxChars);
    expect(bytes(batchOf({ csv, expectedHash: "0".repeat(64) }))).toBeLessThan(IMPORT_BODY_LIMIT_BYTES);
    // Even every character at 3 bytes (CJK names) fits.
    expect(bytes(batchOf({ csv: "\u6771".repeat(IMPORT_LIMITS.maxChars) }))).toBeLessThan(IMPORT_BODY_LIMIT_BYTES);
  });
});
