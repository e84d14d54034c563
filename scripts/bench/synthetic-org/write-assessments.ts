import type postgres from "postgres";
import { checkAnswers, dimensionMeans, partial, sideAnswers } from "./answers";
import { copyRows, type CopyValue } from "./copy";
import { BANK_VERSION } from "./options";
import type { World } from "./plan";
import { addDays, between, clamp, isoDate, maxDate } from "./random";

// Assessments and responses. Each pair has a latent relationship quality made of department,
// manager and pair effects plus a drift per cycle; the two sides share it (correlated, r ≈ .4)
// and managers rate about a third of a point higher; a minority of pairs are "disconnected"
// with large trust and goals gaps; some answers are "can't say", some sides never submitted.
// The latest cycle is still open, so autosave has drafts to write to.

const ASSESSMENT_COLUMNS = ["id", "org_id", "pair_id", "kind", "cycle_id", "bank_version", "due_on", "started_by_id", "revealed_at", "closed_at", "created_at"];
const RESPONSE_COLUMNS = ["id", "org_id", "assessment_id", "side", "respondent_id", "answers", "share_choose_again", "revision", "updated_at", "submitted_at"];

const cycleLevel = (i: number) => 3.5 + 0.04 * i;

export interface Written {
  assessments: number;
  responses: number;
}

/** Every cycle's assessments, one cycle at a time (a cycle's rows fit in memory easily). */
export async function writeCycleAssessments(tx: postgres.TransactionSql, w: World, log: (message: string) => void): Promise<Written> {
  const { rng, orgId, people, departments, pairs, now } = w;
  const cycleCount = w.cycles.length;
  const written: Written = { assessments: 0, responses: 0 };
  for (const c of w.cycles) {
    const scope = c.allDepartments ? null : new Set(c.departments);
    const assessmentRows: CopyValue[][] = [];
    const responseRows: CopyValue[][] = [];
    const deadline = c.open ? now : c.closesOn;
    for (const pair of pairs) {
      pair.drift += rng.normal(0.15);
      const report = people[pair.reportIdx]!;
      const manager = people[pair.managerIdx]!;
      if (pair.startedAt > c.openedAt || (pair.endedAt && pair.endedAt <= c.openedAt)) continue;
      const dept = report.department;
      if (scope && (dept === null || !scope.has(departments[dept]!.id))) continue;

      const reorg = dept === w.reorgDepartment && c.index === cycleCount - 3 ? -0.5 : dept === w.reorgDepartment && c.index === cycleCount - 2 ? -0.25 : 0;
      const deptEffect = dept === null ? 0 : departments[dept]!.effect;
      const quality = clamp(cycleLevel(c.index) + deptEffect + manager.managerEffect + pair.base + pair.drift + reorg, 1.3, 4.8);
      const employeeMeans = dimensionMeans(rng, quality, 0.45);
      const managerMeans = dimensionMeans(rng, quality + 0.3, 0.45);
      if (pair.disconnected) {
        // The manager sees a strong relationship; the report does not, on trust and goals.
        for (const k of ["trust", "goals"] as const) {
          managerMeans[k] = Math.max(managerMeans[k], 4.3 + rng.normal(0.2));
          employeeMeans[k] = Math.min(employeeMeans[k], quality - 0.9 + rng.normal(0.3));
        }
      }
      const answers = {
        employee: sideAnswers(rng, "employee", employeeMeans, managerMeans, quality, pair.rhythm),
        manager: sideAnswers(rng, "manager", managerMeans, employeeMeans, quality + 0.3, pair.rhythm),
      };
      // Managers with many reports answer less often; an open cycle is half way through.
      const span = manager.children.length;
      const submitRate =
        w.everyoneAnswers && !c.open
          ? { employee: 1, manager: 1 }
          : {
              employee: c.open ? 0.55 : quality < 2.6 ? 0.8 : 0.89,
              manager: c.open ? 0.5 : clamp(0.9 - Math.max(0, span - 6) * 0.012, 0.6, 0.9),
            };
      const submitted = { employee: rng.chance(submitRate.employee), manager: rng.chance(submitRate.manager) };
      const submittedAt = {
        employee: submitted.employee ? between(rng, c.openedAt, deadline) : null,
        manager: submitted.manager ? between(rng, c.openedAt, deadline) : null,
      };
      const both = submitted.employee && submitted.manager;
      const revealedAt = both ? maxDate(submittedAt.employee!, submittedAt.manager!) : null;
      const assessmentId = rng.uuid();
      assessmentRows.push([assessmentId, orgId, pair.id, "cycle", c.id, BANK_VERSION, isoDate(c.closesOn), null, revealedAt, !both && !c.open ? c.closedAt : null, c.openedAt]);
      for (const side of ["employee", "manager"] as const) {
        const done = submitted[side];
        const draft = done ? answers[side] : rng.chance(c.open ? 0.55 : 0.5) ? partial(rng, answers[side]) : {};
        checkAnswers(draft, done);
        const touched = Object.keys(draft).length > 0;
        responseRows.push([
          rng.uuid(),
          orgId,
          assessmentId,
          side,
          side === "employee" ? report.id : manager.id,
          JSON.stringify(draft),
          done && rng.chance(0.6),
          touched ? rng.int(1, 12) : 0,
          touched ? (submittedAt[side] ?? between(rng, c.openedAt, deadline)) : null,
          submittedAt[side],
        ]);
      }
    }
    const generated = Date.now();
    written.assessments += await copyRows(tx, "assessments", ASSESSMENT_COLUMNS, assessmentRows);
    written.responses += await copyRows(tx, "responses", RESPONSE_COLUMNS, responseRows);
    log(`cycle ${c.index + 1}/${cycleCount}: ${assessmentRows.length} assessments (copy ${Date.now() - generated} ms)`);
  }
  return written;
}

/** Check-ins: a few pairs took stock between cycles; some have one in progress. */
export async function writeCheckIns(tx: postgres.TransactionSql, w: World): Promise<Written> {
  const { rng, orgId, people, now, today } = w;
  const checkInAssessments: CopyValue[][] = [];
  const checkInResponses: CopyValue[][] = [];
  for (const pair of w.pairs) {
    if (pair.endedAt) continue;
    const inProgress = rng.chance(0.01);
    if (!inProgress && !rng.chance(0.04)) continue;
    const at = inProgress ? addDays(now, -rng.int(1, 9)) : between(rng, maxDate(pair.startedAt, w.firstOpen), addDays(today, -14));
    if (at < pair.startedAt) continue;
    const quality = clamp(cycleLevel(w.cycles.length - 1) + pair.base + pair.drift, 1.3, 4.8);
    const id = rng.uuid();
    const report = people[pair.reportIdx]!;
    const manager = people[pair.managerIdx]!;
    const revealedAt = inProgress ? null : addDays(at, rng.int(1, 6));
    checkInAssessments.push([id, orgId, pair.id, "check_in", null, BANK_VERSION, null, rng.chance(0.5) ? report.id : manager.id, revealedAt, null, at]);
    const eMeans = dimensionMeans(rng, quality, 0.45);
    let employeeDone = false;
    const mMeans = dimensionMeans(rng, quality + 0.3, 0.45);
    for (const side of ["employee", "manager"] as const) {
      const full = sideAnswers(rng, side, side === "employee" ? eMeans : mMeans, side === "employee" ? mMeans : eMeans, quality, pair.rhythm);
      // In progress: at most one side has submitted (the second submit reveals).
      const done = !inProgress || (side === "employee" ? (employeeDone = rng.chance(0.4)) : !employeeDone && rng.chance(0.3));
      const draft = done ? full : partial(rng, full);
      checkAnswers(draft, done);
      checkInResponses.push([rng.uuid(), orgId, id, side, side === "employee" ? report.id : manager.id, JSON.stringify(draft), done && rng.chance(0.6), rng.int(1, 8), at, done ? (revealedAt ?? at) : null]);
    }
  }
  return {
    assessments: await copyRows(tx, "assessments", ASSESSMENT_COLUMNS, checkInAssessments),
    responses: await copyRows(tx, "responses", RESPONSE_COLUMNS, checkInResponses),
  };
}
