import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, cycles, departments, pairs, people, responses } from "@/db/schema";
import { minGroupSizeOf } from "@/server/access/aggregates";
import { getItemBank, type Side } from "@/server/assessments/item-bank";
import { callerFor } from "./factories";
import { settleTrends as publishAll } from "./trends";

// The attacker's side of PRODUCT.md §5: an HR admin who writes down everything the app lets her
// read, moment after moment, and a solver that asks whether any individual answer follows.
//
// The notebook reads only through the tRPC caller of the HR admin, as the browser would, and
// reads the answers defensively: figures are found by walking the objects (a cell is anything
// with a boolean `hidden`), so a figure renamed, moved or dropped is simply not found.
//
// The solver gives the attacker MORE than she has: it knows, for every visible figure, exactly
// whose answers it adds up (the test knows who answered what, and which people each group held).
// Each figure that is a sum becomes a linear equation over per-response unknowns (a dimension
// score, a 0/1 option indicator, a pair's |gap|, "answered this dimension" indicators, …), every
// moment's equations go into one system, and an unknown is determined when its unit vector lies
// in the row space. If even this attacker can pin nothing down, nothing individual can be
// determined from what HR reads.

const bank = getItemBank(1);

/** Where figures of a closed cycle become readable: the worker's publishing step, run to the end. */
export async function settleTrends(db: Db): Promise<void> {
  await publishAll(db);
}

// ---------------------------------------------------------------------------------------------
// What the test knows: the database at each moment (ground truth, never shown to the attacker)

interface TruthResponse {
  assessmentId: string;
  side: Side;
  respondentId: string;
  answers: Record<string, unknown>;
}

interface TruthAssessment {
  id: string;
  cycleId: string;
  managerId: string;
  reportId: string;
}

/** The reporting lines and departments at one moment. */
interface Chart {
  managerOf: Map<string, string | null>;
  departmentOf: Map<string, string | null>;
  departments: Set<string>;
  fingerprint: string;
}

interface Truth {
  names: Map<string, string>;
  cycles: Map<string, { status: string; k: number | null; name: string }>;
  assessments: TruthAssessment[];
  /** Submitted responses only. */
  responses: TruthResponse[];
  chart: Chart;
}

async function truthOf(db: Db, orgId: string): Promise<Truth> {
  const folk = await db
    .select({ id: people.id, name: people.name, managerId: people.managerId, departmentId: people.departmentId })
    .from(people)
    .where(eq(people.orgId, orgId));
  const depts = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId));
  const cs = await db.select({ id: cycles.id, status: cycles.status, k: cycles.minGroupSize, name: cycles.name }).from(cycles).where(eq(cycles.orgId, orgId));
  const as = await db
    .select({ id: assessments.id, cycleId: assessments.cycleId, managerId: pairs.managerId, reportId: pairs.reportId })
    .from(assessments)
    .innerJoin(pairs, and(eq(pairs.orgId, assessments.orgId), eq(pairs.id, assessments.pairId)))
    .where(and(eq(assessments.orgId, orgId), isNotNull(assessments.cycleId)));
  const rs = await db
    .select({ assessmentId: responses.assessmentId, side: responses.side, respondentId: responses.respondentId, answers: responses.answers })
    .from(responses)
    .innerJoin(assessments, and(eq(assessments.orgId, responses.orgId), eq(assessments.id, responses.assessmentId)))
    .where(and(eq(responses.orgId, orgId), isNotNull(assessments.cycleId), isNotNull(responses.submittedAt)));
  const sorted = [...folk].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    names: new Map([...folk.map((p) => [p.id, p.name] as const), ...depts.map((d) => [d.id, d.name] as const)]),
    cycles: new Map(cs.map((c) => [c.id, { status: c.status, k: c.k, name: c.name }])),
    assessments: as.flatMap((a) => (a.cycleId ? [{ id: a.id, cycleId: a.cycleId, managerId: a.managerId, reportId: a.reportId }] : [])),
    responses: rs.map((r) => ({
      assessmentId: r.assessmentId,
      side: r.side,
      respondentId: r.respondentId,
      answers: (r.answers ?? {}) as Record<string, unknown>,
    })),
    chart: {
      managerOf: new Map(folk.map((p) => [p.id, p.managerId])),
      departmentOf: new Map(folk.map((p) => [p.id, p.departmentId])),
      departments: new Set(depts.map((d) => d.id)),
      fingerprint: JSON.stringify(sorted.map((p) => [p.id, p.managerId, p.departmentId])) + JSON.stringify(depts.map((d) => d.id).sort()),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The notebook: what the HR admin reads

export type Source = "cycle" | "cycle-latest" | "series" | "csv" | "list" | "audit";

export interface Observation {
  source: Source;
  cycleId: string | null;
  groupId: string | null;
  /** Path of the number inside its group (or cycle entry), dimensions by key: "dimensions.trust.mean.employee.value". */
  path: string;
  /** A number, or "hidden" for a hidden cell or a null count. */
  value: number | "hidden";
  /** How far the shown number may be from the exact one (CSV has two decimals). */
  tolerance: number;
}

export interface Moment {
  index: number;
  label: string;
  observations: Observation[];
  /** Calls that were refused, by name: part of what was read, too. */
  refused: string[];
  truth: Truth;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Every number (and every hidden cell or null) under `value`, with its path. Arrays are keyed by their elements' `key` where they have one. */
function walk(value: unknown, path: string, push: (path: string, value: number | "hidden") => void, skip: ReadonlySet<string> = new Set()) {
  if (typeof value === "number") {
    if (Number.isFinite(value)) push(path, value);
    return;
  }
  if (value === null) {
    push(path, "hidden");
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, join(path, isRecord(v) && typeof v.key === "string" ? v.key : String(i)), push));
    return;
  }
  if (!isRecord(value)) return;
  if (typeof value.hidden === "boolean") {
    if (value.hidden) {
      push(path, "hidden");
      return;
    }
    for (const [k, v] of Object.entries(value)) if (k !== "hidden" && k !== "reason") walk(v, join(path, k), push);
    return;
  }
  for (const [k, v] of Object.entries(value)) if (!skip.has(k)) walk(v, join(path, k), push);
}

const GROUP_SKIP = new Set(["id", "name", "kind", "depth", "hiddenSides"]);

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A CSV column's place among the cycle view's paths (inside a dimension). */
function csvColumnPath(header: string): string {
  const h = header.toLowerCase();
  // Issue 20's columns first: their names hold words (gap, low, high) the older ones are found by.
  // A "group:" path is a group's own figure, repeated on each of its rows.
  if (/^(absolute agreement )?icc/.test(h)) return `absoluteAgreement.value.${/low/.test(h) ? "lower" : /high/.test(h) ? "upper" : "icc"}`;
  let m = /^choose again rho (employee|manager) (score|gap)( ci (low|high))?$/.exec(h);
  if (m) return `chooseAgainDriver.${m[1]}.${m[2]}.${m[4] === "low" ? "lower" : m[4] === "high" ? "upper" : "rho"}`;
  m = /^share of pairs (balanced high|balanced low|report higher|manager higher)$/.exec(h);
  if (m) return `group:balance.value.${m[1]!.replace(" ", "_")}`;
  m = /^(employee|manager) (reading mean miss|reading share within half a point|assumed similarity)$/.exec(h);
  if (m)
    return `group:reading.${m[1]}.value.${m[2] === "reading mean miss" ? "meanAbsError" : m[2] === "assumed similarity" ? "assumedSimilarity" : "withinShare"}`;
  if (/employee/.test(h) && /mean/.test(h)) return "mean.employee.value";
  if (/manager/.test(h) && /mean/.test(h)) return "mean.manager.value";
  if (/gap/.test(h)) return "meanAbsGap.value";
  if (/low/.test(h)) return "agreement.value.lower";
  if (/high|upp/.test(h)) return "agreement.value.upper";
  if (/agreement|^r$/.test(h)) return "agreement.value.r";
  if (/alpha/.test(h) && /employee/.test(h)) return "alpha.employee.value";
  if (/alpha/.test(h) && /manager/.test(h)) return "alpha.manager.value";
  return `csv.${h.replace(/\W+/g, "_")}`;
}

export class AttackNotebook {
  readonly moments: Moment[] = [];

  /**
   * `shareAcrossCycles`: model "people answer alike across cycles": the same pair's answers in
   * two cycles are the same unknowns (the test must then give the same answers too).
   */
  constructor(
    private readonly db: Db,
    readonly orgId: string,
    private readonly readerId: string,
    readonly options: { shareAcrossCycles?: boolean } = {},
  ) {}

  /** Reads everything the reader can read now, and what the database held at that moment. */
  async record(label: string, readerId = this.readerId): Promise<Moment> {
    const hr = callerFor(this.db, readerId);
    const observations: Observation[] = [];
    const refused: string[] = [];
    // A cycle's figures are read several ways (the view's selected group, its heatmap rows,
    // each group on its own): the same figure read again with the same value is one observation.
    const seen = new Set<string>();
    const push =
      (source: Source, cycleId: string | null, groupId: string | null, tolerance = 1e-9) =>
      (path: string, value: number | "hidden") => {
        if (source === "cycle" || source === "cycle-latest") {
          const key = JSON.stringify([source, cycleId, groupId, path, value]);
          if (seen.has(key)) return;
          seen.add(key);
        }
        observations.push({ source, cycleId, groupId, path, value, tolerance });
      };
    const attempt = async <T>(name: string, call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch {
        refused.push(name);
        return undefined;
      }
    };

    const cycleIds = new Set<string>();
    const list = await attempt("cycles.list", () => hr.cycles.list());
    if (Array.isArray(list)) {
      for (const entry of list as unknown[]) {
        if (!isRecord(entry) || typeof entry.id !== "string") continue;
        cycleIds.add(entry.id);
        walk(entry, "", push("list", entry.id, null), new Set(["id", "name"]));
      }
    }

    const groupIds = new Set<string>([`org:${this.orgId}`]);
    const groupNames = new Map<string, Map<string, string>>();
    const readCycle = (source: Source, view: unknown) => {
      if (!isRecord(view)) return;
      if (Array.isArray(view.cycles)) for (const c of view.cycles as unknown[]) if (isRecord(c) && typeof c.id === "string") cycleIds.add(c.id);
      const cycleId = isRecord(view.cycle) && typeof view.cycle.id === "string" ? view.cycle.id : null;
      if (cycleId === null) return;
      if (typeof view.k === "number") push(source, cycleId, null)("k", view.k);
      const names = groupNames.get(cycleId) ?? new Map<string, string>();
      groupNames.set(cycleId, names);
      // The selected group's figures, whole.
      const g = view.group;
      if (isRecord(g) && typeof g.id === "string") {
        groupIds.add(g.id);
        if (typeof g.name === "string") names.set(g.name, g.id);
        const into = push(source, cycleId, g.id);
        // The group itself has a boolean `hidden` too: walk its fields, not the group as a cell.
        if (typeof g.hidden === "boolean") into("hidden", g.hidden ? 1 : 0);
        for (const [key, v] of Object.entries(g)) if (!GROUP_SKIP.has(key) && key !== "hidden") walk(v, key, into);
      }
      // The heatmap's rows: each group's means and gaps, per dimension in the bank's order, at
      // the paths the same figures have in a group's view; anything else a row holds, too.
      if (!Array.isArray(view.rows)) return;
      for (const r of view.rows as unknown[]) {
        if (!isRecord(r) || typeof r.id !== "string") continue;
        groupIds.add(r.id);
        if (typeof r.name === "string") names.set(r.name, r.id);
        listed.add(JSON.stringify([cycleId, r.id]));
        const into = push(source, cycleId, r.id);
        const perDimension = (values: unknown, path: string) => {
          if (!Array.isArray(values)) return walk(values, `row.${path}`, into);
          values.forEach((v, i) => {
            const at = `dimensions.${bank.dimensions[i]?.key ?? String(i)}.${path}`;
            if (v === null) into(at, "hidden");
            else walk(v, `${at}.value`, into);
          });
        };
        const mean = isRecord(r.mean) ? r.mean : {};
        perDimension(mean.employee, "mean.employee");
        perDimension(mean.manager, "mean.manager");
        perDimension(r.meanAbsGap, "meanAbsGap");
        for (const [key, v] of Object.entries(mean)) if (key !== "employee" && key !== "manager") walk(v, `row.mean.${key}`, into);
        for (const [key, v] of Object.entries(r)) if (!GROUP_SKIP.has(key) && key !== "mean" && key !== "meanAbsGap") walk(v, `row.${key}`, into);
      }
    };
    /** Every group listed as a row of a cycle: each is read on its own too, with its whole figures. */
    const listed = new Set<string>();

    readCycle("cycle-latest", await attempt("trends.cycle({})", () => hr.trends.cycle({})));
    for (const cycleId of [...cycleIds]) readCycle("cycle", await attempt(`trends.cycle(${cycleId})`, () => hr.trends.cycle({ cycleId })));
    for (const [cycleId, groupId] of [...listed].map((x) => JSON.parse(x) as [string, string]))
      readCycle("cycle", await attempt(`trends.cycle(${cycleId}, ${groupId})`, () => hr.trends.cycle({ cycleId, groupId })));

    for (const groupId of [undefined, ...groupIds]) {
      const series = await attempt(`trends.series(${groupId ?? ""})`, () => hr.trends.series(groupId ? { groupId } : {}));
      if (!Array.isArray(series)) continue;
      for (const point of series as unknown[]) {
        if (!isRecord(point)) continue;
        const cycleId = isRecord(point.cycle) && typeof point.cycle.id === "string" ? point.cycle.id : typeof point.cycleId === "string" ? point.cycleId : null;
        walk(point, "", push("series", cycleId, groupId ?? `org:${this.orgId}`), new Set(["cycle", "cycleId"]));
      }
    }

    for (const cycleId of cycleIds) {
      const exported = await attempt(`trends.exportCsv(${cycleId})`, () => hr.trends.exportCsv({ cycleId }));
      const text = typeof exported === "string" ? exported : isRecord(exported) && typeof exported.csv === "string" ? exported.csv : null;
      if (text === null) continue;
      const [header, ...rows] = parseCsv(text.trim());
      if (!header) continue;
      const groupAt = header.findIndex((h) => /group/i.test(h));
      const dimensionAt = header.findIndex((h) => /dimension/i.test(h));
      const names = groupNames.get(cycleId) ?? new Map<string, string>();
      for (const row of rows) {
        const groupName = row[groupAt] ?? "";
        const groupId = names.get(groupName) ?? `name:${groupName}`;
        const dimensionName = row[dimensionAt] ?? "";
        const dimension = bank.dimensions.find((d) => d.name === dimensionName)?.key ?? dimensionName;
        header.forEach((h, i) => {
          if (i === groupAt || i === dimensionAt) return;
          const cell = (row[i] ?? "").trim();
          // A blank cell is a figure that is undefined (no interval at ρ = 1), not a reading.
          if (cell === "") return;
          const column = csvColumnPath(h);
          const path = column.startsWith("group:") ? column.slice("group:".length) : `dimensions.${dimension}.${column}`;
          observations.push({ source: "csv", cycleId, groupId, path, value: /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : "hidden", tolerance: 0.0051 });
        });
      }
    }

    const audit = await attempt("org.auditLog", () => hr.org.auditLog({ limit: 100 }));
    if (isRecord(audit) && Array.isArray(audit.entries)) {
      for (const entry of audit.entries as unknown[]) {
        if (!isRecord(entry) || !isRecord(entry.details)) continue;
        const cycleId = typeof entry.details.cycleId === "string" ? entry.details.cycleId : null;
        walk(entry.details, `audit.${String(entry.action)}`, push("audit", cycleId, null));
      }
    }

    const moment: Moment = { index: this.moments.length, label, observations, refused, truth: await truthOf(this.db, this.orgId) };
    this.moments.push(moment);
    return moment;
  }

  /**
   * What a moment showed about one cycle's figures (trends view, series, CSV, the cycle's entry in
   * cycles.list), keyed by where it was shown: for comparing two moments.
   */
  readsOf(moment: Moment, cycleId?: string): Map<string, number | "hidden"> {
    const reads = new Map<string, number | "hidden">();
    for (const o of moment.observations) {
      if (o.source === "audit" || (cycleId !== undefined && o.cycleId !== cycleId)) continue;
      reads.set(`${o.source} ${o.cycleId ?? "-"} ${o.groupId ?? "-"} ${o.path}`, o.value);
    }
    return reads;
  }
}

/** The reads that differ between two maps of reads, for a readable failure. */
export function differences(before: Map<string, number | "hidden">, after: Map<string, number | "hidden">): string[] {
  const out: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if (a !== b) out.push(`${key}: ${a ?? "absent"} → ${b ?? "absent"}`);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// The solver: one linear system, exact rank test per block of unknowns

export interface DeterminedUnknown {
  unknown: string;
  label: string;
  /** Labels of the equations whose combination gives the unknown alone (first few). */
  from: string[];
}

/**
 * Linear equations Σ coefficient·unknown = value; only the coefficients matter for what is
 * determined. Unknowns live in blocks that no equation mixes (a dimension's scores on one side,
 * one option's indicators, …), so each block is solved on its own.
 */
export class LinearSystem {
  private readonly blocks = new Map<string, Map<string, { coefficients: Map<string, number>; label: string; count: number }>>();
  private readonly labels = new Map<string, string>();
  /** The person an unknown is about (their own answer), for the test on a person's combined answers. */
  private readonly owners = new Map<string, { id: string; name: string }>();

  describe(unknown: string, label: string, owner?: { id: string; name: string }) {
    if (!this.labels.has(unknown)) this.labels.set(unknown, label);
    if (owner && !this.owners.has(unknown)) this.owners.set(unknown, owner);
  }

  add(block: string, coefficients: ReadonlyMap<string, number> | Record<string, number>, label: string) {
    const entries = (coefficients instanceof Map ? [...coefficients] : Object.entries(coefficients)).filter(([, c]) => c !== 0);
    if (entries.length === 0) return;
    const key = entries
      .map(([u, c]) => `${u}*${c}`)
      .sort()
      .join("+");
    const rows = this.blocks.get(block) ?? new Map();
    this.blocks.set(block, rows);
    const existing = rows.get(key);
    if (existing) existing.count++;
    else rows.set(key, { coefficients: new Map(entries), label, count: 1 });
  }

  get equations(): number {
    let n = 0;
    for (const rows of this.blocks.values()) n += rows.size;
    return n;
  }

  determined(tolerance = 1e-7): DeterminedUnknown[] {
    const found: DeterminedUnknown[] = [];
    for (const [block, rows] of this.blocks) {
      const list = [...rows.values()];
      const unknowns = [...new Set(list.flatMap((r) => [...r.coefficients.keys()]))].sort();
      const column = new Map(unknowns.map((u, i) => [u, i]));
      const width = unknowns.length;
      // Each row carries which original equations it is made of, to say where a leak came from.
      const m = list.map((r, i) => {
        const row = new Float64Array(width + list.length);
        for (const [u, c] of r.coefficients) row[column.get(u)!] = c;
        row[width + i] = 1;
        return row;
      });
      let pivotRow = 0;
      const pivots: number[] = [];
      for (let col = 0; col < width && pivotRow < m.length; col++) {
        let best = pivotRow;
        for (let r = pivotRow + 1; r < m.length; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[best]![col]!)) best = r;
        if (Math.abs(m[best]![col]!) < tolerance) continue;
        [m[pivotRow], m[best]] = [m[best]!, m[pivotRow]!];
        const p = m[pivotRow]!;
        const scale = p[col]!;
        for (let j = 0; j < p.length; j++) p[j] = p[j]! / scale;
        for (let r = 0; r < m.length; r++) {
          if (r === pivotRow) continue;
          const row = m[r]!;
          const f = row[col]!;
          if (Math.abs(f) < 1e-15) continue;
          for (let j = 0; j < row.length; j++) row[j] = row[j]! - f * p[j]!;
        }
        pivots.push(col);
        pivotRow++;
      }
      pivots.forEach((col, r) => {
        const row = m[r]!;
        for (let j = 0; j < width; j++) if (j !== col && Math.abs(row[j]!) > tolerance) return;
        const unknown = unknowns[col]!;
        const from: string[] = [];
        for (let i = 0; i < list.length; i++)
          if (Math.abs(row[width + i]!) > tolerance)
            from.push(`${row[width + i]! > 0 ? "+" : "−"}${Number(Math.abs(row[width + i]!).toPrecision(3))}×[${list[i]!.label}]`);
        found.push({
          unknown,
          label: this.labels.get(unknown) ?? unknown,
          from: from.slice(0, 8).concat(from.length > 8 ? [`… ${from.length - 8} more`] : []),
        });
      });
      // One person's answers taken together (a manager's answers about several reports): some
      // nonzero combination of only that person's unknowns lies in the row space when stacking
      // their unit vectors under the basis adds fewer than that many dimensions.
      const basis = m.slice(0, pivots.length).map((row) => row.subarray(0, width));
      const alreadyFound = new Set(found.map((f) => f.unknown));
      const byOwner = new Map<string, string[]>();
      for (const u of unknowns) {
        const owner = this.owners.get(u);
        if (owner) byOwner.set(owner.id, [...(byOwner.get(owner.id) ?? []), u]);
      }
      for (const [ownerId, own] of byOwner) {
        if (own.length < 2 || own.some((u) => alreadyFound.has(u))) continue;
        const units = own.map((u) => {
          const row = new Float64Array(width);
          row[column.get(u)!] = 1;
          return row;
        });
        if (rankOf([...basis, ...units], tolerance) < basis.length + own.length) {
          const name = this.owners.get(own[0]!)?.name ?? ownerId;
          found.push({
            unknown: `${block}|person:${ownerId}`,
            label: `a combination of ${name}'s own ${own.length} unknowns: ${own.map((u) => this.labels.get(u) ?? u).join("; ")}`,
            from: [],
          });
        }
      }
    }
    return found.sort((a, b) => (a.label < b.label ? -1 : 1));
  }
}

function rankOf(rows: readonly Float64Array[], tolerance: number): number {
  const m = rows.map((r) => Float64Array.from(r));
  const width = m[0]?.length ?? 0;
  let rank = 0;
  for (let col = 0; col < width && rank < m.length; col++) {
    let best = rank;
    for (let r = rank + 1; r < m.length; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[best]![col]!)) best = r;
    if (Math.abs(m[best]![col]!) < tolerance) continue;
    [m[rank], m[best]] = [m[best]!, m[rank]!];
    const p = m[rank]!;
    for (let r = rank + 1; r < m.length; r++) {
      const row = m[r]!;
      const f = row[col]! / p[col]!;
      if (f !== 0) for (let j = col; j < width; j++) row[j] = row[j]! - f * p[j]!;
    }
    rank++;
  }
  return rank;
}

// ---------------------------------------------------------------------------------------------
// From readings to equations

type Figure =
  | { kind: "mean"; dimension: string; side: Side }
  | { kind: "gap"; dimension: string }
  | { kind: "agreement"; dimension: string }
  | { kind: "alpha"; dimension: string; side: Side }
  | { kind: "share"; question: string; side: Side; option?: string }
  | { kind: "large" }
  | { kind: "quadrant"; quadrant: string }
  | { kind: "reading"; side: Side; metric: "meanAbsError" | "withinShare" | "assumedSimilarity" }
  | { kind: "ranks" }
  | { kind: "count"; of: "invited" | "employee" | "manager" | "complete" };

/** A figure's value, or one of the counts shown beside it (`n`: the people it counts on a side). */
type Reading = { figure: Figure; n?: Side; part: "value" | "n" | "pairs" | "other" };

const QUESTIONS: Record<string, string> = { chooseAgain: bank.chooseAgain.key, stance: bank.stance.key };
const OPTIONS: Record<string, readonly string[]> = {
  [bank.chooseAgain.key]: bank.chooseAgain.options.map((o) => o.value),
  [bank.stance.key]: bank.stance.options.map((o) => o.value),
};

function countOf(name: string): "invited" | "employee" | "manager" | "complete" | null {
  if (/complete/i.test(name)) return "complete";
  if (/employee|report/i.test(name)) return "employee";
  if (/manager/i.test(name)) return "manager";
  if (/invit|pairs/i.test(name)) return "invited";
  return null;
}

function classify(path: string): Reading | null {
  const side = (s: string | undefined): Side | null => (s === "employee" || s === "manager" ? s : null);
  let m = /^dimensions\.(\w+)\.(mean|alpha)\.(employee|manager)\.(value|n\.(employee|manager))$/.exec(path);
  if (m) {
    const figure: Figure = m[2] === "mean" ? { kind: "mean", dimension: m[1]!, side: side(m[3])! } : { kind: "alpha", dimension: m[1]!, side: side(m[3])! };
    // Cronbach's α is not a sum of its contributors: its value gives no equation, its count does.
    if (m[4] === "value") return { figure, part: figure.kind === "mean" ? "value" : "other" };
    return { figure, part: "n", n: side(m[5])! };
  }
  // ICC(A,1) and the rank correlations with choose-again are no sums: read, but no equation.
  m = /^dimensions\.(\w+)\.absoluteAgreement\.value\.(\w+)$/.exec(path);
  if (m) return { figure: { kind: "agreement", dimension: m[1]! }, part: "other" };
  if (/^chooseAgainDrivers\.(employee|manager)\.value\./.test(path)) return { figure: { kind: "ranks" }, part: "other" };
  // A quadrant share adds up the pairs in it; a reading mean adds up one side's readings of the other.
  m = /^balance\.value\.(\w+)$/.exec(path);
  if (m) return { figure: { kind: "quadrant", quadrant: m[1]! }, part: "value" };
  m = /^reading\.(employee|manager)\.value\.(meanAbsError|withinShare|assumedSimilarity)$/.exec(path);
  if (m) return { figure: { kind: "reading", side: side(m[1])!, metric: m[2] as "meanAbsError" | "withinShare" | "assumedSimilarity" }, part: "value" };
  m = /^dimensions\.(\w+)\.(meanAbsGap|agreement)\.(value|value\.(\w+)|n\.(employee|manager))$/.exec(path);
  if (m) {
    const figure: Figure = m[2] === "meanAbsGap" ? { kind: "gap", dimension: m[1]! } : { kind: "agreement", dimension: m[1]! };
    if (m[5]) return { figure, part: "n", n: side(m[5])! };
    if (m[4] && /^(pairs|n)$/.test(m[4])) return { figure, part: "pairs" };
    return { figure, part: m[2] === "meanAbsGap" && m[3] === "value" ? "value" : "other" };
  }
  m = /^(chooseAgain|stance)\.(employee|manager)\.(value\.(\w+)|n\.(employee|manager))$/.exec(path);
  if (m) {
    const question = QUESTIONS[m[1]!]!;
    if (m[5]) return { figure: { kind: "share", question, side: side(m[2])! }, part: "n", n: side(m[5])! };
    return { figure: { kind: "share", question, side: side(m[2])!, option: m[4]! }, part: "value" };
  }
  m = /^largeTrustOrGoalsGapShare\.(value|n\.(employee|manager))$/.exec(path);
  if (m) return m[2] ? { figure: { kind: "large" }, part: "n", n: side(m[2])! } : { figure: { kind: "large" }, part: "value" };
  m = /^participation\.(\w+)(\.value)?$/.exec(path);
  if (m) {
    const of = countOf(m[1]!);
    return of ? { figure: { kind: "count", of }, part: "value" } : null;
  }
  return null;
}

interface Resp {
  /** The unknowns' key for this response (shared across cycles when people answer alike). */
  key: string;
  pairKey: string;
  side: Side;
  person: string;
  answers: Record<string, unknown>;
  means: Map<string, number | null>;
  all: Map<string, boolean>;
}

interface Pair {
  key: string;
  employee: Resp;
  manager: Resp;
}

/** The pair's balance quadrant, computed here from the answers, independently of the app. */
function quadrantOf(p: Pair): string | null {
  const overall = (r: Resp) => mean([...r.means.values()].filter((v): v is number => v !== null));
  const e = overall(p.employee);
  const m = overall(p.manager);
  if (e === null || m === null) return null;
  const eh = e >= 3.5 - 1e-9;
  const mh = m >= 3.5 - 1e-9;
  return eh && mh ? "balanced_high" : !eh && !mh ? "balanced_low" : eh ? "report_higher" : "manager_higher";
}

/** How one side of the pair read the other: null unless a prediction meets the other's mean and one meets its own. */
function readingOf(p: Pair, side: Side): { meanAbsError: number; withinShare: number; assumedSimilarity: number } | null {
  const me = p[side];
  const other = p[side === "employee" ? "manager" : "employee"];
  const misses: number[] = [];
  const own: number[] = [];
  for (const d of bank.dimensions) {
    const predicted = scale(me.answers[`predict.${d.key}`]);
    if (predicted === null) continue;
    const theirs = other.means.get(d.key);
    const mine = me.means.get(d.key);
    if (theirs != null) misses.push(Math.abs(predicted - theirs));
    if (mine != null) own.push(Math.abs(predicted - mine));
  }
  if (misses.length === 0 || own.length === 0) return null;
  return { meanAbsError: mean(misses)!, withinShare: misses.filter((x) => x <= 0.5 + 1e-9).length / misses.length, assumedSimilarity: mean(own)! };
}

interface GroupContents {
  invited: TruthAssessment[];
  side: Record<Side, Resp[]>;
  complete: Pair[];
}

const scale = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null);

function inGroup(groupId: string, a: TruthAssessment, chart: Chart, orgId: string): boolean | null {
  if (groupId === `org:${orgId}`) return true;
  if (groupId.startsWith("team:")) {
    const manager = groupId.slice("team:".length);
    const seen = new Set<string>();
    for (let m: string | null | undefined = a.managerId; m && !seen.has(m); m = chart.managerOf.get(m)) {
      if (m === manager) return true;
      seen.add(m);
    }
    return false;
  }
  if (chart.departments.has(groupId)) return chart.departmentOf.get(a.reportId) === groupId;
  return null;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const distinct = <T>(items: readonly T[], person: (t: T) => string) => new Set(items.map(person)).size;

export interface AttackFindings {
  /** Individual unknowns the readings determine. */
  determined: DeterminedUnknown[];
  /** Visible counts that don't count the distinct people of the figure they stand beside. */
  miscounts: string[];
  /** Counts of one group and side at one moment that differ by 1 to k−1: that many people set apart. */
  smallDifferences: string[];
  /** Visible figures the model could not reproduce from the truth (the model would be unsound for them). */
  unexplained: string[];
  /** Visible figures found, by kind: to show the attacker had something to work with. */
  visible: number;
  equations: number;
}

/**
 * Plays the attacker with maximal knowledge over everything the notebook recorded. `families`
 * restricts the determined unknowns reported to those whose block starts with one of them.
 */
export function attack(notebook: AttackNotebook, options: { families?: string[] } = {}): AttackFindings {
  const { orgId } = notebook;
  const share = notebook.options.shareAcrossCycles === true;
  const system = new LinearSystem();
  const miscounts: string[] = [];
  const smallDifferences: string[] = [];
  const unexplained: string[] = [];
  let visible = 0;

  // The chart a cycle opened with: the first moment that saw the cycle opened.
  const openChart = new Map<string, Chart>();
  for (const m of notebook.moments) for (const [id, c] of m.truth.cycles) if (c.status !== "draft" && !openChart.has(id)) openChart.set(id, m.truth.chart);
  const charts = [...new Map(notebook.moments.map((m) => [m.truth.chart.fingerprint, m.truth.chart])).values()];

  for (const moment of notebook.moments) {
    const { truth } = moment;
    const name = (id: string) => truth.names.get(id) ?? id.slice(0, 8);
    const cycleName = (id: string) => truth.cycles.get(id)?.name ?? id.slice(0, 8);
    const responsesOf = new Map<string, Partial<Record<Side, Resp>>>();
    const byCycle = new Map<string, TruthAssessment[]>();
    for (const a of truth.assessments) byCycle.set(a.cycleId, [...(byCycle.get(a.cycleId) ?? []), a]);
    const assessmentById = new Map(truth.assessments.map((a) => [a.id, a]));
    for (const r of truth.responses) {
      const a = assessmentById.get(r.assessmentId);
      if (!a) continue;
      const pairKey = `${share ? "" : `${a.cycleId}/`}${a.reportId}>${a.managerId}`;
      const means = new Map<string, number | null>();
      const all = new Map<string, boolean>();
      for (const d of bank.dimensions) {
        const scores = d.items.map((i) => scale(r.answers[i.key]));
        const on = scores.filter((s): s is number => s !== null);
        means.set(d.key, mean(on));
        all.set(d.key, on.length === scores.length);
      }
      const resp: Resp = { key: `${pairKey}|${r.side}`, pairKey, side: r.side, person: r.respondentId, answers: r.answers, means, all };
      const about = r.side === "employee" ? a.managerId : a.reportId;
      const where = `${name(r.respondentId)} about ${name(about)}${share ? "" : ` in ${cycleName(a.cycleId)}`}`;
      const owner = { id: r.respondentId, name: name(r.respondentId) };
      // A pair's figures are the manager's too: a manager's pairs taken together are one person's.
      const pairOwner = { id: a.managerId, name: name(a.managerId) };
      const pairName = `${name(a.reportId)}–${name(a.managerId)}${share ? "" : ` in ${cycleName(a.cycleId)}`}`;
      for (const d of bank.dimensions) {
        system.describe(`score|${r.side}|${d.key}|${resp.key}`, `${d.key} score (${r.side} side) of ${where}`, owner);
        system.describe(`any|${r.side}|${d.key}|${resp.key}`, `whether ${where} answered ${d.key} (${r.side} side)`, owner);
        system.describe(`all|${r.side}|${d.key}|${resp.key}`, `whether ${where} answered every ${d.key} item (${r.side} side)`, owner);
        system.describe(`gap|${d.key}|${pairKey}`, `${d.key} |gap| of the pair ${pairName}`, pairOwner);
        system.describe(`both|${d.key}|${pairKey}`, `whether the pair ${pairName} both answered ${d.key}`, pairOwner);
      }
      for (const [q, values] of Object.entries(OPTIONS))
        for (const o of values) system.describe(`opt|${r.side}|${q}|${o}|${resp.key}`, `${q} = ${o} (${r.side} side) of ${where}`, owner);
      system.describe(`large|${pairKey}`, `large trust/goals gap of the pair ${pairName}`, pairOwner);
      for (const q of ["balanced_high", "balanced_low", "report_higher", "manager_higher"])
        system.describe(`quad|${q}|${pairKey}`, `whether the pair ${pairName} is ${q}`, pairOwner);
      for (const metric of ["meanAbsError", "withinShare", "assumedSimilarity"]) {
        for (const s of ["employee", "manager"] as const)
          system.describe(`read|${s}|${metric}|${pairKey}`, `${metric} of the ${s} side's reading in the pair ${pairName}`, pairOwner);
      }
      responsesOf.set(r.assessmentId, { ...responsesOf.get(r.assessmentId), [r.side]: resp });
    }

    const contents = (cycleId: string, groupId: string, chart: Chart): GroupContents | null => {
      const invited: TruthAssessment[] = [];
      for (const a of byCycle.get(cycleId) ?? []) {
        const inside = inGroup(groupId, a, chart, orgId);
        if (inside === null) return null;
        if (inside) invited.push(a);
      }
      const side: Record<Side, Resp[]> = { employee: [], manager: [] };
      const complete: Pair[] = [];
      for (const a of invited) {
        const rs = responsesOf.get(a.id) ?? {};
        if (rs.employee) side.employee.push(rs.employee);
        if (rs.manager) side.manager.push(rs.manager);
        if (rs.employee && rs.manager) complete.push({ key: rs.employee.pairKey, employee: rs.employee, manager: rs.manager });
      }
      return { invited, side, complete };
    };

    /** The exact value of a figure (or of a count beside it) over a group's contents. */
    const exact = (reading: Reading, g: GroupContents): number | null => {
      const f = reading.figure;
      const people = (items: readonly { person: string }[]) => distinct(items, (r) => r.person);
      const pairPeople = (ps: readonly Pair[], s: Side) => distinct(ps, (p) => p[s].person);
      switch (f.kind) {
        case "mean": {
          const c = g.side[f.side].filter((r) => r.means.get(f.dimension) != null);
          return reading.part === "value" ? mean(c.map((r) => r.means.get(f.dimension)!)) : reading.n === f.side ? people(c) : null;
        }
        case "alpha":
          return reading.part === "n" && reading.n === f.side ? people(g.side[f.side].filter((r) => r.all.get(f.dimension))) : null;
        case "gap":
        case "agreement": {
          const ps = g.complete.filter((p) => p.employee.means.get(f.dimension) != null && p.manager.means.get(f.dimension) != null);
          if (reading.part === "value" && f.kind === "gap")
            return mean(ps.map((p) => Math.abs(p.employee.means.get(f.dimension)! - p.manager.means.get(f.dimension)!)));
          if (reading.part === "pairs") return ps.length;
          return reading.part === "n" && reading.n ? pairPeople(ps, reading.n) : null;
        }
        case "share": {
          const c = g.side[f.side].filter(
            (r) => typeof r.answers[f.question] === "string" && (OPTIONS[f.question] ?? []).includes(r.answers[f.question] as string),
          );
          if (reading.part === "n") return reading.n === f.side ? people(c) : null;
          return c.length ? c.filter((r) => r.answers[f.question] === f.option).length / c.length : null;
        }
        case "large": {
          const large = (p: Pair) =>
            ["trust", "goals"].some((d) => {
              const e = p.employee.means.get(d);
              const m = p.manager.means.get(d);
              return e != null && m != null && Math.abs(e - m) >= 1.5 - 1e-9;
            });
          if (reading.part === "n") return reading.n ? pairPeople(g.complete, reading.n) : null;
          return g.complete.length ? g.complete.filter(large).length / g.complete.length : null;
        }
        case "quadrant": {
          const ps = g.complete.filter((p) => quadrantOf(p) !== null);
          return ps.length ? ps.filter((p) => quadrantOf(p) === f.quadrant).length / ps.length : null;
        }
        case "reading": {
          const rs = g.complete.flatMap((p) => readingOf(p, f.side) ?? []);
          return mean(rs.map((r) => r[f.metric]));
        }
        case "ranks":
          return null;
        case "count":
          if (f.of === "invited") return g.invited.length;
          if (f.of === "complete") return g.complete.length;
          return people(g.side[f.of]);
      }
    };

    /** Σ of indicators over eligible items, one term per person (a person with several items gets a person-level unknown). */
    const countTerms = (prefix: string, items: readonly { person: string; key: string }[]) => {
      const byPerson = new Map<string, string[]>();
      for (const it of items) byPerson.set(it.person, [...(byPerson.get(it.person) ?? []), it.key]);
      const terms = new Map<string, number>();
      for (const [person, keys] of byPerson) {
        const unknown = keys.length === 1 ? `${prefix}|${keys[0]}` : `${prefix}|${person}{${keys.sort().join(",")}}`;
        if (keys.length > 1)
          system.describe(unknown, `whether ${name(person)} (${keys.length} responses) counts in ${prefix}`, { id: person, name: name(person) });
        terms.set(unknown, 1);
      }
      return terms;
    };

    const equation = (reading: Reading, g: GroupContents, label: string) => {
      const f = reading.figure;
      const ones = (keys: readonly string[]) => new Map(keys.map((k) => [k, 1]));
      if (f.kind === "mean" && reading.part === "value") {
        const c = g.side[f.side].filter((r) => r.means.get(f.dimension) != null);
        system.add(`score|${f.side}|${f.dimension}`, ones(c.map((r) => `score|${f.side}|${f.dimension}|${r.key}`)), label);
      } else if ((f.kind === "mean" || f.kind === "alpha") && reading.part === "n" && reading.n === f.side) {
        const prefix = `${f.kind === "mean" ? "any" : "all"}|${f.side}|${f.dimension}`;
        system.add(
          prefix,
          countTerms(
            prefix,
            g.side[f.side].map((r) => ({ person: r.person, key: r.key })),
          ),
          label,
        );
      } else if (f.kind === "gap" && reading.part === "value") {
        const ps = g.complete.filter((p) => p.employee.means.get(f.dimension) != null && p.manager.means.get(f.dimension) != null);
        system.add(`gap|${f.dimension}`, ones(ps.map((p) => `gap|${f.dimension}|${p.key}`)), label);
      } else if ((f.kind === "gap" || f.kind === "agreement") && (reading.part === "pairs" || reading.part === "n")) {
        const prefix = `both|${f.dimension}`;
        const by = reading.n ?? "employee";
        system.add(
          prefix,
          countTerms(
            prefix,
            g.complete.map((p) => ({ person: p[by].person, key: p.key })),
          ),
          label,
        );
      } else if (f.kind === "share" && reading.part === "value" && f.option) {
        const prefix = `opt|${f.side}|${f.question}|${f.option}`;
        system.add(prefix, ones(g.side[f.side].map((r) => `${prefix}|${r.key}`)), label);
      } else if (f.kind === "large" && reading.part === "value") {
        system.add("large", ones(g.complete.map((p) => `large|${p.key}`)), label);
      } else if (f.kind === "quadrant" && reading.part === "value") {
        system.add(`quad|${f.quadrant}`, ones(g.complete.filter((p) => quadrantOf(p) !== null).map((p) => `quad|${f.quadrant}|${p.key}`)), label);
      } else if (f.kind === "reading" && reading.part === "value") {
        const prefix = `read|${f.side}|${f.metric}`;
        system.add(prefix, ones(g.complete.filter((p) => readingOf(p, f.side) !== null).map((p) => `${prefix}|${p.key}`)), label);
      }
    };

    const countClass = (reading: Reading): string | null => {
      const f = reading.figure;
      if (f.kind === "count") return f.of === "invited" ? "invited" : f.of === "complete" ? "pairs:employee" : `side:${f.of}`;
      if (reading.part === "n" && reading.n)
        return f.kind === "gap" || f.kind === "agreement" || f.kind === "large" ? `pairs:${reading.n}` : `side:${reading.n}`;
      if (reading.part === "pairs") return "pairs:employee";
      return null;
    };

    // Group the moment's observations of figures by cycle and group: each is read under one chart.
    const byGroup = new Map<string, { cycleId: string; groupId: string; items: { o: Observation; reading: Reading }[] }>();
    for (const o of moment.observations) {
      if (o.cycleId === null || o.value === "hidden") continue;
      const reading = classify(o.path);
      if (!reading) continue;
      const groupId = o.source === "list" ? `org:${orgId}` : o.groupId;
      if (groupId === null) continue;
      const key = `${o.cycleId} ${groupId}`;
      const entry = byGroup.get(key) ?? { cycleId: o.cycleId, groupId, items: [] };
      entry.items.push({ o, reading });
      byGroup.set(key, entry);
    }

    for (const { cycleId, groupId, items } of byGroup.values()) {
      const k = minGroupSizeOf(truth.cycles.get(cycleId)?.k);
      const group = groupId.startsWith("team:") ? `team of ${name(groupId.slice(5))}` : groupId.startsWith("org:") ? "org" : `department ${name(groupId)}`;
      const where = (o: Observation) => `${moment.label} · ${o.source} ${cycleName(cycleId)} ${group} ${o.path}=${o.value}`;
      // The chart whose groups reproduce the figures' values: as the cycle opened, else as now, else any seen.
      const candidates = [openChart.get(cycleId), truth.chart, ...charts].filter((c): c is Chart => c !== undefined);
      const values = items.filter((i) => i.reading.part === "value" && i.reading.figure.kind !== "count");
      let chosen: { g: GroupContents; misses: typeof values } | null = null;
      for (const chart of candidates) {
        const g = contents(cycleId, groupId, chart);
        if (!g) continue;
        const misses = values.filter(({ o, reading }) => {
          const v = exact(reading, g);
          return v === null || Math.abs(v - (o.value as number)) > o.tolerance;
        });
        if (chosen === null || misses.length < chosen.misses.length) chosen = { g, misses };
        if (misses.length === 0) break;
      }
      if (chosen === null) {
        for (const { o } of items) unexplained.push(`${where(o)}: no such group in the truth`);
        continue;
      }
      for (const { o } of chosen.misses) unexplained.push(`${where(o)}: the truth gives ${exact(classify(o.path)!, chosen.g)}`);
      const counts = new Map<string, Set<number>>();
      for (const { o, reading } of items) {
        if (reading.part === "value" && reading.figure.kind !== "count") visible++;
        equation(reading, chosen.g, where(o));
        const cls = countClass(reading);
        if (cls === null) continue;
        const expected = exact(reading, chosen.g);
        if (expected !== null && expected !== o.value)
          miscounts.push(
            `${where(o)}: counts ${o.value}, but the figure is computed from ${expected} distinct ${cls.endsWith("employee") ? "employees" : cls.endsWith("manager") ? "managers" : "pairs"}`,
          );
        counts.set(cls, (counts.get(cls) ?? new Set()).add(o.value as number));
      }
      for (const [cls, set] of counts) {
        const vs = [...set].sort((a, b) => a - b);
        for (let i = 1; i < vs.length; i++) {
          const d = vs[i]! - vs[i - 1]!;
          if (d > 0 && d < k)
            smallDifferences.push(`${moment.label} · ${cycleName(cycleId)} ${group} ${cls}: counts ${vs.join(", ")} set ${d} apart (k = ${k})`);
        }
      }
    }
  }

  const families = options.families;
  const determined = system.determined().filter((d) => !families || families.some((f) => d.unknown.startsWith(f)));
  return {
    determined,
    miscounts: [...new Set(miscounts)],
    smallDifferences: [...new Set(smallDifferences)],
    unexplained: [...new Set(unexplained)],
    visible,
    equations: system.equations,
  };
}

/** The findings as text, for failure messages: which unknowns, from which readings. */
export function explain(findings: AttackFindings, limit = 12): string {
  const lines: string[] = [];
  if (findings.determined.length) {
    lines.push(`${findings.determined.length} individual unknowns determined:`);
    for (const d of findings.determined.slice(0, limit)) lines.push(`  ${d.label}\n      = ${d.from.join("\n        ")}`);
  }
  for (const [title, list] of [
    ["miscounts", findings.miscounts],
    ["small differences between counts", findings.smallDifferences],
    ["unexplained figures", findings.unexplained],
  ] as const) {
    if (list.length) lines.push(`${list.length} ${title}:`, ...list.slice(0, limit).map((l) => `  ${l}`));
  }
  return lines.join("\n") || "nothing found";
}
