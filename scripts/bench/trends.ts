import postgres from "postgres";
import { drizzleForPostgres } from "@/db/client";
import { getItemBank } from "@/server/assessments/item-bank";
import { createContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { computeCycleFigures, type GroupFigures } from "@/server/trends/compute";
import { loadCycleInputs, openedCycles } from "@/server/trends/inputs";
import { publishCycle } from "@/server/trends/stored-figures";
import { time, type Timing } from "./stats";

// HR trends, timed through the tRPC caller (what the trends page and the API run: access
// check, queries, the statistics and anonymity rules in JS, in this process) and, in the same
// run, the fastest single SQL statement that computes the same aggregates: the floor. The
// floor's numbers are checked against the procedure's, so it is the same work.

const BANK = getItemBank(1);
const LARGE_DIMENSION_GAP = 1.5;

interface Column {
  dimension: number;
  key: string;
  name: string;
}
const ITEMS: Column[] = BANK.dimensions.flatMap((d, di) => d.items.map((item, ii) => ({ dimension: di, key: item.key, name: `i${di}_${ii}` })));
const itemsOf = (di: number) => ITEMS.filter((c) => c.dimension === di);
const DIMS = BANK.dimensions.map((d, di) => ({ key: d.key, di }));
const TRUST = BANK.dimensions.findIndex((d) => d.key === "trust");
const GOALS = BANK.dimensions.findIndex((d) => d.key === "goals");

/** Numeric answers only: "can't say" and missing are null, as server/analysis counts them. */
const itemSelect = ITEMS.map((c) => `case when jsonb_typeof(resp.answers->'${c.key}') = 'number' then (resp.answers->>'${c.key}')::float8 end as ${c.name}`).join(",\n    ");
const dimMean = (di: number, prefix = "") => {
  const cols = itemsOf(di).map((c) => `${prefix}${c.name}`);
  return `(${cols.map((c) => `coalesce(${c}, 0)`).join(" + ")}) / nullif(${cols.map((c) => `(${c} is not null)::int`).join(" + ")}, 0)`;
};
const dimSelect = DIMS.map(({ di }) => `${dimMean(di)} as d${di}`).join(",\n    ");
/** Sum of the dimension's items, null unless all are numeric: Cronbach's α uses complete rows. */
const totalSelect = DIMS.map(({ di }) => `${itemsOf(di).map((c) => c.name).join(" + ")} as t${di}`).join(",\n    ");
const alphaSelect = DIMS.map(({ di }) => {
  const k = itemsOf(di).length;
  const itemVar = itemsOf(di)
    .map((c) => `coalesce(var_samp(${c.name}) filter (where t${di} is not null), 0)`)
    .join(" + ");
  return `${k}.0 / ${k - 1} * (1 - (${itemVar}) / nullif(var_samp(t${di}), 0)) as alpha${di}`;
}).join(",\n    ");
const shares = (column: string, values: readonly string[], label: string) =>
  values.map((v) => `count(*) filter (where ${column} = '${v}')::float8 / nullif(count(*) filter (where ${column} in (${values.map((x) => `'${x}'`).join(", ")})), 0) as ${label}_${v.replace(/\W/g, "_")}`).join(",\n    ");

const FROM_SUBMITTED = `from responses resp
  join assessments a on a.org_id = resp.org_id and a.id = resp.assessment_id
  join pairs p on p.org_id = a.org_id and p.id = a.pair_id
  join people rep on rep.org_id = p.org_id and rep.id = p.report_id`;

/** One cycle, the organization and every department: what trends.cycle computes. */
export const CYCLE_FLOOR_SQL = `with d as materialized (
  select resp.assessment_id, resp.side, resp.respondent_id, rep.department_id as dept,
    resp.answers->>'${BANK.chooseAgain.key}' as choose, resp.answers->>'${BANK.stance.key}' as stance,
    ${itemSelect}
  ${FROM_SUBMITTED}
  where resp.org_id = $1 and a.cycle_id = $2 and resp.submitted_at is not null
), dd as materialized (
  select d.*,
    ${dimSelect},
    ${totalSelect}
  from d
), s as (
  select side, grouping(dept) = 1 as org, dept, count(distinct respondent_id) as people,
    ${DIMS.map(({ di }) => `avg(d${di}) as mean${di}`).join(", ")},
    ${alphaSelect},
    ${shares("choose", BANK.chooseAgain.options.map((o) => o.value), "choose")},
    ${shares("stance", BANK.stance.options.map((o) => o.value), "stance")}
  from dd group by side, grouping sets ((), (dept))
), g as (
  select grouping(e.dept) = 1 as org, e.dept, count(*) as complete,
    count(distinct e.respondent_id) as employees, count(distinct m.respondent_id) as managers,
    ${DIMS.map(({ di }) => `avg(abs(e.d${di} - m.d${di})) as gap${di}, corr(e.d${di}, m.d${di}) as r${di}, regr_count(e.d${di}, m.d${di}) as n${di}`).join(",\n    ")},
    avg(case when abs(e.d${TRUST} - m.d${TRUST}) >= ${LARGE_DIMENSION_GAP} or abs(e.d${GOALS} - m.d${GOALS}) >= ${LARGE_DIMENSION_GAP} then 1.0 else 0.0 end) as large_gap_share
  from dd e join dd m on m.assessment_id = e.assessment_id and m.side = 'manager'
  where e.side = 'employee'
  group by grouping sets ((), (e.dept))
), inv as (
  select grouping(rep.department_id) = 1 as org, rep.department_id as dept, count(*) as invited
  from assessments a
  join pairs p on p.org_id = a.org_id and p.id = a.pair_id
  join people rep on rep.org_id = p.org_id and rep.id = p.report_id
  where a.org_id = $1 and a.cycle_id = $2
  group by grouping sets ((), (rep.department_id))
)
select 'side' as kind, to_jsonb(s) as row from s
union all select 'pair', to_jsonb(g) from g
union all select 'invited', to_jsonb(inv) from inv`;

/** Means per side and mean absolute gap per dimension, per opened cycle, for one group. */
function seriesFloorSql(department: boolean): string {
  const joins = department ? FROM_SUBMITTED : "from responses resp\n  join assessments a on a.org_id = resp.org_id and a.id = resp.assessment_id";
  return `with d as materialized (
  select a.cycle_id, resp.assessment_id, resp.side, resp.respondent_id,
    ${itemSelect}
  ${joins}
  join cycles c on c.org_id = a.org_id and c.id = a.cycle_id and c.status <> 'draft'
  where resp.org_id = $1 and resp.submitted_at is not null${department ? " and rep.department_id = $2" : ""}
), dd as materialized (
  select cycle_id, assessment_id, side, respondent_id, ${DIMS.map(({ di }) => `${dimMean(di)} as d${di}`).join(", ")} from d
), s as (
  select cycle_id, side, count(distinct respondent_id) as people, ${DIMS.map(({ di }) => `avg(d${di}) as mean${di}`).join(", ")}
  from dd group by cycle_id, side
), g as (
  select e.cycle_id, count(*) as complete, count(distinct e.respondent_id) as employees, count(distinct m.respondent_id) as managers,
    ${DIMS.map(({ di }) => `avg(abs(e.d${di} - m.d${di})) as gap${di}`).join(", ")}
  from dd e join dd m on m.assessment_id = e.assessment_id and m.side = 'manager'
  where e.side = 'employee' group by e.cycle_id
)
select 'side' as kind, to_jsonb(s) as row from s union all select 'pair', to_jsonb(g) from g`;
}
export const SERIES_ORG_FLOOR_SQL = seriesFloorSql(false);
export const SERIES_DEPARTMENT_FLOOR_SQL = seriesFloorSql(true);

export interface ProcedureResult {
  procedure: string;
  input: Record<string, string>;
  timing: Timing;
  floor: Timing;
  /** Procedure p95 over floor p95. */
  ratio: number;
  ratioP50: number;
  /** SQL statements one call issues, and their execution time by EXPLAIN ANALYZE. */
  queries: number;
  sqlExecutionMs: number;
  /** Largest difference between a figure of the procedure and the same figure of the floor. */
  floorMaxDifference: number;
}

export interface TrendsResult {
  p95Ms: number;
  floorMs: number;
  ratio: number;
  procedures: ProcedureResult[];
  /** Publishing the figures, which the timed runs read from storage: ms per cycle, and what the across-cycles rule hides. */
  computing: {
    coldCycleMs: number;
    lastCycleMs: number;
    allCyclesMs: number;
    perCycle: { name: string; publishMs: number; visibleWithoutRule: number; visibleWithRule: number }[];
    acrossCycles: { visibleWithoutRule: number; visibleWithRule: number; hiddenByRuleShare: number };
  };
  context: { responsesInCycle: number; departments: number; cycles: number; department: { id: string; name: string; people: number } };
  explain: string;
}

interface Captured {
  query: string;
  params: unknown[];
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" ? v : v === null || v === undefined ? null : Number(v));

export async function measureTrends(url: string, orgId: string, runs: number, log: (m: string) => void): Promise<TrendsResult> {
  let capture: Captured[] | null = null;
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    debug: (_connection, query, params) => {
      capture?.push({ query, params: [...params] });
    },
  });
  const floorClient = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const db = drizzleForPostgres(client);
    const [hr] = await client<{ id: string }[]>`select person_id as id from org_roles where org_id = ${orgId} and role = 'hr_admin' order by person_id limit 1`;
    if (!hr) throw new Error("the synthetic organization has no HR admin");
    // The latest closed cycle: an open one has no figures (PRODUCT.md §5 rule 5).
    const [cycle] = await client<{ id: string }[]>`select id from cycles where org_id = ${orgId} and status = 'closed' order by opens_on desc, created_at desc limit 1`;
    if (!cycle) throw new Error("the synthetic organization has no closed cycle");
    const [counts] = await client<{ responses: number; departments: number; cycles: number }[]>`
      select (select count(*)::int from responses r join assessments a on a.org_id = r.org_id and a.id = r.assessment_id where a.cycle_id = ${cycle.id} and r.submitted_at is not null) as responses,
             (select count(*)::int from departments where org_id = ${orgId}) as departments,
             (select count(*)::int from cycles where org_id = ${orgId} and status <> 'draft') as cycles`;
    const caller = createCaller(createContext({ db, personId: hr.id }));

    const floorRows = async (sqlText: string, params: string[]) => (await floorClient.unsafe(sqlText, params)) as unknown as { kind: string; row: Row }[];

    // Figures are published once per closed cycle by the worker and only read afterwards. What
    // publishing costs: every closed cycle from nothing, in the order they closed, each checked
    // against those before it (as after a deploy that changes the figures' format). And what
    // the across-cycles rule costs HR: cells visible without it that it hides.
    await client`delete from trend_snapshots where org_id = ${orgId}`;
    const closed = (await openedCycles(db, orgId)).filter((c) => c.status === "closed");
    const publishMs: number[] = [];
    const cells = { visibleWithoutRule: 0, visibleWithRule: 0 };
    const perCycle: { name: string; publishMs: number; visibleWithoutRule: number; visibleWithRule: number }[] = [];
    for (const c of closed) {
      const [fresh] = await openedCycles(db, orgId, c.id);
      const started = performance.now();
      const published = await publishCycle(db, orgId, fresh!);
      const ms = round2(performance.now() - started);
      publishMs.push(ms);
      const input = await loadCycleInputs(db, orgId, fresh!);
      const alone = computeCycleFigures(getItemBank(input.bankVersion), input.groups, input.invited, input.rows, input.k);
      const without = visibleCells(alone);
      const withRule = visibleCells(published.groups);
      cells.visibleWithoutRule += without;
      cells.visibleWithRule += withRule;
      perCycle.push({ name: c.name, publishMs: ms, visibleWithoutRule: without, visibleWithRule: withRule });
      log(`published ${c.name} in ${ms} ms: ${withRule} cells shown, ${without} without the across-cycles rule`);
    }
    const coldCycleMs = publishMs[0] ?? 0;
    const lastCycleMs = publishMs.at(-1) ?? 0;
    const allCyclesMs = round2(publishMs.reduce((a, b) => a + b, 0));
    const hiddenByRuleShare = cells.visibleWithoutRule ? round2((1 - cells.visibleWithRule / cells.visibleWithoutRule) * 100) / 100 : 0;
    log(`publishing: first cycle ${coldCycleMs} ms, last (against ${closed.length - 1} earlier) ${lastCycleMs} ms, all ${allCyclesMs} ms; the across-cycles rule hides ${Math.round(hiddenByRuleShare * 100)}% of the cells shown without it`);
    // Every run deletes and re-inserts every cycle's figures: the dead rows and the statistics of
    // before would otherwise mislead the planner for the reads timed next (the figures of a
    // deployment change once per cycle, and autovacuum keeps up with that).
    await client`vacuum analyze trend_snapshots, trend_group_figures, trend_contributors`;
    // The largest department whose figures the latest cycle shows: with teams published too,
    // a department can be hidden whole (docs/anonymity.md), and a trend of hidden cells has
    // nothing to compare with the floor.
    const [department] = await client<{ id: string; name: string; people: number }[]>`
      select d.id, d.name, count(p.id)::int as people from departments d join people p on p.org_id = d.org_id and p.department_id = d.id
      where d.org_id = ${orgId} and exists (
        select 1 from trend_group_figures g where g.cycle_id = ${cycle.id} and g.group_id = d.id::text and (g.figures->>'hidden') = 'false')
      group by d.id, d.name order by count(p.id) desc, d.name limit 1`;
    if (!department) throw new Error("no department of the synthetic organization shows figures in the latest cycle");

    const cases = [
      {
        procedure: "trends.cycle",
        input: { cycleId: cycle.id },
        call: () => caller.trends.cycle({ cycleId: cycle.id }),
        floorSql: CYCLE_FLOOR_SQL,
        floorParams: [orgId, cycle.id],
      },
      {
        procedure: "trends.series (organization)",
        input: {},
        call: () => caller.trends.series({}),
        floorSql: SERIES_ORG_FLOOR_SQL,
        floorParams: [orgId],
      },
      {
        procedure: "trends.series (department)",
        input: { groupId: department.id },
        call: () => caller.trends.series({ groupId: department.id }),
        floorSql: SERIES_DEPARTMENT_FLOOR_SQL,
        floorParams: [orgId, department.id],
      },
    ] as const;

    const results: ProcedureResult[] = [];
    const explains: string[] = [];
    for (const c of cases) {
      // One captured call: which statements it sends, and what they cost in the database.
      capture = [];
      const result = await c.call();
      const captured: Captured[] = capture;
      capture = null;
      let sqlExecutionMs = 0;
      for (const [i, q] of captured.entries()) {
        const plan = (await floorClient.unsafe(`explain (analyze, buffers) ${q.query}`, q.params as string[])) as unknown as { "QUERY PLAN": string }[];
        const lines = plan.map((p) => p["QUERY PLAN"]);
        const exec = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? "")?.[1] ?? 0);
        sqlExecutionMs += exec;
        if (i < 40) explains.push(`-- ${c.procedure}, statement ${i + 1} of ${captured.length} (${exec.toFixed(1)} ms)\n${q.query}\n${lines.join("\n")}\n`);
      }
      const floorPlan = (await floorClient.unsafe(`explain (analyze, buffers) ${c.floorSql}`, [...c.floorParams])) as unknown as { "QUERY PLAN": string }[];
      explains.push(`-- floor of ${c.procedure}\n${c.floorSql}\n${floorPlan.map((p) => p["QUERY PLAN"]).join("\n")}\n`);

      // trends.cycle gives the heatmap's rows (means and gaps) and one group whole: the floor is
      // compared with both, each organization and department row read whole as HR reads it.
      const compared = c.procedure === "trends.cycle" ? await withWholeGroups(caller, cycle.id, result as CycleView) : result;
      const difference = compare(c.procedure, compared, await floorRows(c.floorSql, [...c.floorParams]));
      log(`${c.procedure}: ${captured.length} statements, ${sqlExecutionMs.toFixed(0)} ms in SQL; floor matches within ${difference.toExponential(1)}; timing ${runs} runs…`);
      const timing = await time(runs, c.call);
      const floor = await time(runs, () => floorRows(c.floorSql, [...c.floorParams]));
      log(`  p50 ${timing.p50Ms} ms, p95 ${timing.p95Ms} ms; floor p50 ${floor.p50Ms} ms, p95 ${floor.p95Ms} ms`);
      results.push({
        procedure: c.procedure,
        input: c.input,
        timing,
        floor,
        ratio: round2(timing.p95Ms / floor.p95Ms),
        ratioP50: round2(timing.p50Ms / floor.p50Ms),
        queries: captured.length,
        sqlExecutionMs: round2(sqlExecutionMs),
        floorMaxDifference: difference,
      });
    }
    const worst = results.reduce((a, b) => (b.timing.p95Ms > a.timing.p95Ms ? b : a));
    return {
      p95Ms: worst.timing.p95Ms,
      floorMs: worst.floor.p95Ms,
      ratio: Math.max(...results.map((r) => r.ratio)),
      procedures: results,
      computing: { coldCycleMs, lastCycleMs, allCyclesMs, perCycle, acrossCycles: { ...cells, hiddenByRuleShare } },
      context: { responsesInCycle: counts!.responses, departments: counts!.departments, cycles: counts!.cycles, department },
      explain: explains.join("\n"),
    };
  } finally {
    await client.end({ timeout: 5 });
    await floorClient.end({ timeout: 5 });
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Visible cells of a cycle's figures: every figure of every group that is not hidden. */
function visibleCells(groups: readonly GroupFigures[]): number {
  let n = 0;
  const count = (c: { hidden: boolean }) => void (c.hidden ? 0 : n++);
  for (const g of groups) {
    Object.values(g.participation).forEach(count);
    count(g.largeTrustOrGoalsGapShare);
    for (const side of ["employee", "manager"] as const) [g.chooseAgain[side], g.stance[side]].forEach(count);
    for (const d of g.dimensions) [d.mean.employee, d.mean.manager, d.meanAbsGap, d.agreement, d.alpha.employee, d.alpha.manager].forEach(count);
  }
  return n;
}

interface CellLike {
  hidden: boolean;
  value?: unknown;
}
const shown = (c: CellLike | undefined): number | null => (c && !c.hidden && typeof c.value === "number" ? c.value : null);

/**
 * The largest difference between figures the procedure shows and the floor's: the floor must
 * compute the same thing, or its time means nothing. Throws when they disagree.
 */
type CycleView = Awaited<ReturnType<ReturnType<typeof createCaller>["trends"]["cycle"]>>;

/** The organization's and the departments' rows, each with its group read whole, the row's means and gaps beside. */
async function withWholeGroups(caller: ReturnType<typeof createCaller>, cycleId: string, view: CycleView) {
  const groups = [];
  for (const row of view.rows.filter((r) => r.kind !== "team")) {
    const { group } = await caller.trends.cycle({ cycleId, groupId: row.id });
    if (!group) throw new Error(`trends.cycle: row ${row.id} has no group`);
    groups.push({ ...group, row });
  }
  return { groups };
}

function compare(procedure: string, result: unknown, floor: { kind: string; row: Row }[]): number {
  let max = 0;
  let compared = 0;
  const check = (what: string, app: number | null, sql: number | null) => {
    if (app === null || sql === null) return;
    const d = Math.abs(app - sql);
    if (d > 1e-6) throw new Error(`${procedure}: ${what} is ${app} through the procedure but ${sql} by the floor SQL`);
    max = Math.max(max, d);
    compared++;
  };
  if (procedure === "trends.cycle") {
    const view = result as { groups: { id: string; kind: string; row?: CycleView["rows"][number]; dimensions: { key: string; mean: Record<string, CellLike>; meanAbsGap: CellLike; agreement: CellLike; alpha: Record<string, CellLike> }[] }[] };
    for (const g of view.groups) {
      const isOrg = g.kind === "org";
      const sideRow = (side: string) => floor.find((f) => f.kind === "side" && f.row.side === side && (isOrg ? f.row.org === true : f.row.dept === g.id))?.row;
      const pairRow = floor.find((f) => f.kind === "pair" && (isOrg ? f.row.org === true : f.row.dept === g.id))?.row;
      for (const [di, d] of g.dimensions.entries()) {
        for (const side of ["employee", "manager"]) {
          check(`${g.id} ${d.key} ${side} mean`, shown(d.mean[side]), num(sideRow(side)?.[`mean${di}`]));
          check(`${g.id} ${d.key} ${side} alpha`, shown(d.alpha[side]), num(sideRow(side)?.[`alpha${di}`]));
        }
        check(`${g.id} ${d.key} gap`, shown(d.meanAbsGap), num(pairRow?.[`gap${di}`]));
        // The heatmap row's figures, as the page draws them.
        if (g.row) {
          for (const side of ["employee", "manager"] as const) check(`${g.id} ${d.key} ${side} mean (row)`, g.row.mean[side][di] ?? null, num(sideRow(side)?.[`mean${di}`]));
          check(`${g.id} ${d.key} gap (row)`, g.row.meanAbsGap[di] ?? null, num(pairRow?.[`gap${di}`]));
          if ((g.row.mean.employee[di] ?? null) !== shown(d.mean.employee) || (g.row.meanAbsGap[di] ?? null) !== shown(d.meanAbsGap))
            throw new Error(`${procedure}: ${g.id} ${d.key}: the row and the group differ`);
        }
        const agreement = d.agreement.hidden ? null : (d.agreement.value as { r: number }).r;
        check(`${g.id} ${d.key} r`, agreement, num(pairRow?.[`r${di}`]));
      }
    }
  } else {
    const series = result as { cycle: { id: string }; dimensions: { key: string; mean: Record<string, CellLike>; meanAbsGap: CellLike }[] }[];
    for (const point of series) {
      for (const [di, d] of point.dimensions.entries()) {
        for (const side of ["employee", "manager"]) {
          check(`${point.cycle.id} ${d.key} ${side} mean`, shown(d.mean[side]), num(floor.find((f) => f.kind === "side" && f.row.cycle_id === point.cycle.id && f.row.side === side)?.row[`mean${di}`]));
        }
        check(`${point.cycle.id} ${d.key} gap`, shown(d.meanAbsGap), num(floor.find((f) => f.kind === "pair" && f.row.cycle_id === point.cycle.id)?.row[`gap${di}`]));
      }
    }
  }
  if (compared === 0) throw new Error(`${procedure}: no figure was shown to compare with the floor`);
  return max;
}

