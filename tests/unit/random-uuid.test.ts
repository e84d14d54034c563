import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { randomUUID } from "@/components/ui/random-uuid";

// Over plain HTTP from another machine the browser has no crypto.randomUUID: the agenda's and
// action items' idempotency keys must still be UUIDs the server's id() accepts.
const insecure = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => webcrypto.getRandomValues(array as Uint8Array) as unknown as T };

describe("randomUUID", () => {
  it("uses crypto.randomUUID where the browser has it", () => {
    expect(randomUUID({ getRandomValues: insecure.getRandomValues, randomUUID: () => "00000000-0000-4000-8000-000000000000" })).toBe(
      "00000000-0000-4000-8000-000000000000",
    );
  });

  it("makes version 4 UUIDs from getRandomValues alone, all different", () => {
    const made = Array.from({ length: 500 }, () => randomUUID(insecure));
    for (const uuid of made) {
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(z.uuid().safeParse(uuid).success).toBe(true);
    }
    expect(new Set(made).size).toBe(made.length);
  });

  it("sets the version and variant bits whatever the random bytes are", () => {
    const ones = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => ((array as unknown as Uint8Array).fill(0xff), array) };
    const zeros = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => ((array as unknown as Uint8Array).fill(0), array) };
    expect(randomUUID(ones)).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(randomUUID(zeros)).toBe("00000000-0000-4000-8000-000000000000");
  });
});
