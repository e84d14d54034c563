import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { deserializeHydrated } from "@/components/trpc/hydrate";

// The hydration reader must give back what superjson.deserialize gives for everything our
// procedures return, and refuse what it does not read rather than hydrate it wrongly.
describe("deserializeHydrated", () => {
  const shared = new Date("2026-03-01T10:00:00Z");
  const samples: unknown[] = [
    null,
    42,
    "plain",
    new Date("2026-10-27T09:00:00Z"),
    undefined,
    [1, undefined, new Date(0)],
    {
      id: "m1",
      startsAt: new Date("2026-10-27T09:00:00.123Z"),
      endsAt: shared,
      again: shared,
      note: undefined,
      nested: { deep: [{ at: new Date(1) }, { at: null }], "dotted.key": new Date(2), "back\\slash": new Date(3), "both\\.": new Date(4) },
      big: 12345678901234567890n,
      odd: [Number.NaN, Infinity, -Infinity, -0],
    },
  ];

  it.each(samples.map((value, i) => [i, value]))("reads sample %i as superjson does", (_i, value) => {
    const wire = JSON.parse(JSON.stringify(superjson.serialize(value)));
    expect(deserializeHydrated(wire)).toStrictEqual(superjson.deserialize(JSON.parse(JSON.stringify(wire))));
  });

  it("reads the legacy (v0) path syntax", () => {
    expect(deserializeHydrated({ json: { "a.b": "2026-01-01T00:00:00.000Z" }, meta: { values: { "a\\.b": ["Date"] } } })).toStrictEqual({ "a.b": new Date("2026-01-01T00:00:00.000Z") });
  });

  it("does not change what it was given", () => {
    const wire = JSON.parse(JSON.stringify(superjson.serialize({ at: new Date(5) })));
    const before = structuredClone(wire);
    deserializeHydrated(wire);
    expect(wire).toStrictEqual(before);
  });

  it.each([new Map([["a", 1]]), new Set([1]), /x/g, { inner: new Map() }, new URL("file:///tmp/x")])("refuses a type it does not read: %s", (value) => {
    const wire = JSON.parse(JSON.stringify(superjson.serialize(value)));
    expect(() => deserializeHydrated(wire)).toThrow(/not read here/);
  });
});
