import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { trendContributors, trendSnapshots } from "@/db/schema";
import type { CycleContributors, KindContributors } from "./compute";

// A published cycle's contributor sets (`CycleContributors`), kept beside its figures: a later
// cycle is checked against every earlier one (the across-cycles rule), and reading this is a
// few milliseconds where loading and reading the cycle's answers again took hundreds.
//
// Encoded in one binary value: a JSON header (ids, group ids, bases, the lengths of the parts)
// then the numbers as 32-bit little-endian integers, then the shown bits as bytes.

/** The encoding written; a row of another one is not read (the cycle's answers are, as before it was kept). */
export const CONTRIBUTORS_FORMAT = "contributors-1";

const MAGIC = 0x31435354; // "TSC1", little-endian
const KINDS = ["employee", "manager", "pairs", "invited"] as const;

interface Header {
  groupIds: string[];
  org: number;
  personIds: string[];
  contributions: number;
  /** Contribution ids that are not a report's (`r:` and one of `personIds`): the pairs'. */
  otherIds: string[];
  bases: string[];
  /** Per kind: contributions and sides. */
  kinds: Record<(typeof KINDS)[number], { n: number; sides: number }>;
  lines: number;
  linePositions: number;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const REPORT = "r:";

export function encodeContributors(c: CycleContributors): Uint8Array {
  // A report's contribution is written as its person (2n), any other as its own id (2n + 1).
  const personAt = new Map(c.personIds.map((id, i) => [id, i]));
  const otherIds: string[] = [];
  const contributions = Int32Array.from(c.contributionIds, (id) => {
    const person = id.startsWith(REPORT) ? personAt.get(id.slice(REPORT.length)) : undefined;
    if (person !== undefined) return 2 * person;
    otherIds.push(id);
    return 2 * (otherIds.length - 1) + 1;
  });
  const header: Header = {
    groupIds: c.groupIds,
    org: c.org,
    personIds: c.personIds,
    contributions: contributions.length,
    otherIds,
    bases: c.bases,
    kinds: Object.fromEntries(KINDS.map((name) => [name, { n: c.kinds[name].contribution.length, sides: c.kinds[name].person.length }])) as Header["kinds"],
    lines: c.lineOffsets.length,
    linePositions: c.linePositions.length,
  };
  const text = new TextEncoder().encode(JSON.stringify(header));
  const start = 8 + Math.ceil(text.length / 4) * 4;
  const parts: Int32Array[] = [
    contributions,
    ...KINDS.flatMap((name) => {
      const k = c.kinds[name];
      return [k.contribution, ...k.person, k.traits, k.line];
    }),
    c.lineOffsets,
    c.linePositions,
  ];
  const ints = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(start + ints * 4 + c.shown.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, text.length, true);
  bytes.set(text, 8);
  let at = start;
  for (const part of parts) {
    if (littleEndian) bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    else for (let i = 0; i < part.length; i++) view.setInt32(at + i * 4, part[i]!, true);
    at += part.byteLength;
  }
  bytes.set(c.shown, at);
  return bytes;
}

/** The contributors encoded in `bytes`, or null if they are not in this encoding (or cut short). */
export function decodeContributors(stored: Uint8Array): CycleContributors | null {
  // Typed arrays over the value need it 4-byte aligned: a driver's buffer may not be.
  const bytes = stored.byteOffset % 4 === 0 ? stored : stored.slice();
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const length = view.getUint32(4, true);
  if (8 + length > bytes.length) return null;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  let at = 8 + Math.ceil(length / 4) * 4;
  const ints = (n: number): Int32Array => {
    if (at + n * 4 > bytes.length) throw new RangeError("stored contributors cut short");
    let part: Int32Array;
    if (littleEndian) part = new Int32Array(bytes.buffer, bytes.byteOffset + at, n);
    else part = Int32Array.from({ length: n }, (_, i) => view.getInt32(at + i * 4, true));
    at += n * 4;
    return part;
  };
  try {
    const contributions = ints(header.contributions);
    const contributionIds = Array.from(contributions, (code) =>
      code % 2 === 0 ? `${REPORT}${header.personIds[code / 2] ?? ""}` : (header.otherIds[(code - 1) / 2] ?? ""),
    );
    const kinds = {} as Record<(typeof KINDS)[number], KindContributors>;
    for (const name of KINDS) {
      const { n, sides } = header.kinds[name];
      const contribution = ints(n);
      const person = Array.from({ length: sides }, () => ints(n));
      kinds[name] = { contribution, person, traits: ints(n), line: ints(n) };
    }
    const lineOffsets = ints(header.lines);
    const linePositions = ints(header.linePositions);
    const shownLength = header.bases.length * header.groupIds.length;
    if (at + shownLength !== bytes.length) return null;
    return {
      groupIds: header.groupIds,
      org: header.org,
      contributionIds,
      personIds: header.personIds,
      kinds,
      lineOffsets,
      linePositions,
      bases: header.bases,
      // A plain view: postgres.js reads a Buffer, whose subarrays are Buffers.
      shown: new Uint8Array(bytes.buffer, bytes.byteOffset + at, shownLength),
    };
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/**
 * A published cycle's kept contributors, or null when it has none in this encoding or its
 * figures are not of the current format (`inputs`): its answers are read instead.
 */
export async function storedContributorsOf(db: Db, orgId: string, cycleId: string, inputs: string): Promise<CycleContributors | null> {
  const [row] = await db
    .select({ format: trendContributors.format, data: trendContributors.data })
    .from(trendContributors)
    .innerJoin(trendSnapshots, and(eq(trendSnapshots.orgId, trendContributors.orgId), eq(trendSnapshots.cycleId, trendContributors.cycleId)))
    .where(and(eq(trendContributors.orgId, orgId), eq(trendContributors.cycleId, cycleId), eq(trendSnapshots.inputs, inputs)));
  if (!row || row.format !== CONTRIBUTORS_FORMAT) return null;
  return decodeContributors(row.data);
}

/** Keeps a cycle's contributors (in the transaction that stores its figures, after its snapshot row). */
export async function keepContributors(db: Db, orgId: string, cycleId: string, contributors: CycleContributors): Promise<void> {
  const data = encodeContributors(contributors);
  await db
    .insert(trendContributors)
    .values({ cycleId, orgId, format: CONTRIBUTORS_FORMAT, data })
    .onConflictDoUpdate({ target: trendContributors.cycleId, set: { format: CONTRIBUTORS_FORMAT, data } });
}
