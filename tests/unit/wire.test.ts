import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { deserialize, serialize, type SuperJsonResult } from "@/components/trpc/wire";

// The browser's transformer must read what the server's superjson writes and write what it
// reads, for any data a procedure can carry. Referential equality is the one thing it leaves
// out (repeated objects arrive as equal copies), so generated values are trees, and the
// `referentialEqualities` superjson adds for repeated values is compared without.

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a.b", "a\\b", "\\.", ".", "", "0", "x.y.z")).filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(NaN, Infinity, -Infinity, -0),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }),
  fc.bigInt(),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
    fc.array(tie("value"), { maxLength: 3 }).map((xs) => new Set(xs)),
    fc.array(fc.tuple(fc.oneof(fc.string(), fc.integer(), fc.date({ noInvalidDate: true })), tie("value")), { maxLength: 3 }).map((es) => new Map(es)),
  ),
}));

const withoutEqualities = (r: SuperJsonResult) => {
  if (!r.meta) return r;
  const { referentialEqualities: _, ...meta } = r.meta;
  return Object.keys(meta).length > 1 || meta.values ? { ...r, meta } : { json: r.json };
};

describe("wire transformer (superjson's format without superjson)", () => {
  it("reads what superjson writes", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(deserialize(superjson.serialize(v) as SuperJsonResult)).toEqual(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("writes what superjson writes, so the server reads it back", () => {
    fc.assert(
      fc.property(value, (v) => {
        const ours = serialize(v);
        expect(ours).toEqual(withoutEqualities(superjson.serialize(v) as SuperJsonResult));
        expect(superjson.deserialize(JSON.parse(JSON.stringify(ours)))).toEqual(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("survives the trip through JSON like the network: dates, undefined and special numbers in nested data", () => {
    const v = { meeting: { startsAt: new Date("2026-11-24T09:00:00Z"), note: undefined, items: [{ at: new Date(0), n: -0 }, { n: NaN }] }, count: 10n, ids: new Set(["a"]) };
    const wire = JSON.parse(JSON.stringify(superjson.serialize(v))) as SuperJsonResult;
    const copy = structuredClone(wire);
    expect(deserialize(wire)).toEqual(v);
    // The payload is left as it was (a dehydrated query may be read twice).
    expect(wire).toEqual(copy);
  });

  it("refuses Error, RegExp and URL values, which no procedure carries, both ways", () => {
    for (const v of [new Error("boom"), /a.b/gi, new URL("https://tandem.example/a?b=1")]) {
      expect(() => serialize({ v })).toThrow(/Cannot send/);
      expect(() => deserialize(superjson.serialize({ v }) as SuperJsonResult)).toThrow(/Unknown transformation/);
    }
  });

  it("refuses an annotation it cannot read, as superjson does", () => {
    expect(() => deserialize({ json: { a: 1 }, meta: { values: { a: [["custom", "money"]] as never }, v: 1 } })).toThrow(/Unknown transformation/);
    expect(() => deserialize({ json: {}, meta: { values: { "__proto__.polluted": ["undefined"] }, v: 1 } })).toThrow(/invalid path/);
  });

  it("reads superjson's older, unversioned paths", () => {
    expect(deserialize({ json: { "a.b": "2026-01-01T00:00:00.000Z" }, meta: { values: { "a\\.b": ["Date"] } } })).toEqual({ "a.b": new Date("2026-01-01T00:00:00.000Z") });
  });
});
