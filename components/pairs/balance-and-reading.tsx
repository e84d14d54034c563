import { CLOSE_READING, QUADRANT_HIGH, type PairRelationship, type Quadrant } from "@/server/analysis/relationship";
import type { Side } from "@/server/assessments/item-bank";
import { Card } from "@/components/ui/card";
import { DataTable, RowHeader } from "@/components/ui/table";
import { formatScore } from "./format";

// The pair's balance quadrant and how each read the other (issue 20), for the two of them only.
// Drawn on the server; the table beside the chart carries the same numbers.

const SIZE = 200;
const PAD = 24;
/** 1–5 on the chart's axes. */
const at = (score: number) => PAD + ((score - 1) / 4) * (SIZE - 2 * PAD);

const QUADRANT_NAME: Record<Quadrant, string> = {
  balanced_high: "Balanced high",
  balanced_low: "Balanced low",
  report_higher: "Report rates higher",
  manager_higher: "Manager rates higher",
};

interface Voice {
  me: Side;
  other: string;
}

/** One sentence of what the quadrant tends to mean (Cogliser et al. 2009), in the reader's words. */
function meaning(quadrant: Quadrant, { me, other }: Voice): string {
  switch (quadrant) {
    case "balanced_high":
      return "You both rate the relationship well. In research on manager–report pairs, pairs like yours went with the highest performance, commitment and job satisfaction.";
    case "balanced_low":
      return "You both see room to improve, and you see it alike: a shared starting point. In research, pairs like yours went with the lowest performance and satisfaction, so effort here pays off.";
    case "report_higher":
      return me === "employee"
        ? `You rate the relationship higher than ${other} does. In research, reports in pairs like this were satisfied and committed, while their manager saw less in the relationship.`
        : `${other} rates the relationship higher than you do. In research, reports in pairs like this were satisfied and committed, while their manager saw less in the relationship.`;
    case "manager_higher":
      return me === "manager"
        ? `You rate the relationship higher than ${other} does. In research, reports in pairs like this performed well but felt less of the relationship's quality.`
        : `${other} rates the relationship higher than you do. In research, reports in pairs like this performed well but felt less of the relationship's quality.`;
  }
}

/** A question for the pair's next 1:1. */
function prompt(quadrant: Quadrant, { me, other }: Voice): string {
  switch (quadrant) {
    case "balanced_high":
      return "What makes this work for each of you, and what would you want to protect as things change?";
    case "balanced_low":
      return "Pick one dimension you both rated low: what one small change could each of you make before your next 1:1?";
    case "report_higher":
      return me === "manager"
        ? `What would you like to see more of from ${other}, and what makes the relationship work for them?`
        : `Ask ${other} what they would like to see more of, and tell them what makes it work for you.`;
    case "manager_higher":
      return me === "employee"
        ? `What would make the relationship feel stronger from your side? Ask ${other} what they think they give that may not land.`
        : `Ask ${other} what would make the relationship feel stronger from their side, and what you give that may not land.`;
  }
}

export function BalanceAndReading({ relationship, me, otherName }: { relationship: PairRelationship; me: Side; otherName: string }) {
  const them: Side = me === "manager" ? "employee" : "manager";
  const { overall, quadrant, reading } = relationship;
  const voice = { me, other: otherName };
  const mine = reading[me];
  const theirs = reading[them];
  return (
    <section aria-labelledby="balance" className="space-y-4">
      <h2 id="balance" className="text-lg font-semibold">
        Balance and reading each other
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3 p-4 sm:p-5">
          <h3 className="font-semibold">Where your relationship sits</h3>
          <p className="text-sm text-slate-700">
            Your overall rating and {otherName}&apos;s (the mean of the nine dimensions), each high from {QUADRANT_HIGH} up.
          </p>
          {quadrant && overall.employee !== null && overall.manager !== null ? (
            <>
              <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
                <QuadrantChart employee={overall.employee} manager={overall.manager} quadrant={quadrant} describedBy="balance-table" />
                <div className="space-y-2">
                  <p className="font-medium" data-quadrant={quadrant}>
                    {QUADRANT_NAME[quadrant]}
                  </p>
                  <p className="text-sm text-slate-800">{meaning(quadrant, voice)}</p>
                </div>
              </div>
              <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-950">
                <span className="font-semibold">For your 1:1: </span>
                {prompt(quadrant, voice)}
              </p>
              <DataTable
                id="balance-table"
                className="w-full text-left text-sm"
                caption="Overall ratings and the quadrant they place you in"
                columns={["Overall rating", "Score (1–5)", "High or low"]}
              >
                {([me, them] as const).map((side) => {
                  const rating = overall[side]!;
                  return (
                    <tr key={side}>
                      <RowHeader>
                        {side === me ? "You" : otherName} ({side === "employee" ? "report" : "manager"})
                      </RowHeader>
                      <td className="p-2">{formatScore(rating)}</td>
                      <td className="p-2">{Math.round(rating * 1e9) / 1e9 >= QUADRANT_HIGH ? "High" : "Low"}</td>
                    </tr>
                  );
                })}
              </DataTable>
            </>
          ) : (
            <p className="text-sm text-slate-700">One of you answered &ldquo;can&apos;t say&rdquo; throughout, so there is no overall rating to place.</p>
          )}
        </Card>
        <Card className="space-y-3 p-4 sm:p-5">
          <h3 className="font-semibold">How well you read each other</h3>
          <p className="text-sm text-slate-700">
            Each of you predicted how the other would rate every dimension. Within half a point ({CLOSE_READING}) counts as a close read.
          </p>
          <ul className="space-y-2 text-sm text-slate-800">
            <li data-reading="mine">
              {mine
                ? `You read ${otherName} within half a point on ${mine.within} of ${mine.dimensions} dimensions; your predictions missed by ${formatScore(mine.meanAbsError)} on average.`
                : `You made no prediction that can be checked against ${otherName}'s answers.`}
            </li>
            <li data-reading="theirs">
              {theirs
                ? `${otherName} read you within half a point on ${theirs.within} of ${theirs.dimensions} dimensions, missing by ${formatScore(theirs.meanAbsError)} on average.`
                : `${otherName} made no prediction that can be checked against your answers.`}
            </li>
          </ul>
          <h4 className="text-sm font-semibold text-slate-700">How much you expected the other to see it as you do</h4>
          <p className="text-sm text-slate-700">
            The average distance between each person&apos;s predictions and their own answers: near 0 means you expected the other to answer just as you did.
          </p>
          <ul className="space-y-1 text-sm text-slate-800">
            <li>You: {mine?.assumedSimilarity != null ? `${formatScore(mine.assumedSimilarity)} from your own answers` : "–"}</li>
            <li>
              {otherName}: {theirs?.assumedSimilarity != null ? `${formatScore(theirs.assumedSimilarity)} from their own answers` : "–"}
            </li>
          </ul>
        </Card>
      </div>
      <details className="text-sm text-slate-700">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800">How this is computed</summary>
        <div className="space-y-2">
          <p>
            Each side&apos;s overall rating is the mean of its nine dimension means. A side is high from {QUADRANT_HIGH} up, midway between
            &ldquo;Neither&rdquo; (3) and &ldquo;Agree&rdquo; (4): on average, it agrees the relationship works. Crossing high and low of both sides gives the
            four combinations of Cogliser, Schriesheim, Scandura &amp; Gardner (2009), Leadership Quarterly 20(3), 452–465. The cut-off is a fixed point of the
            scale rather than a split of other pairs&apos; answers, so your quadrant depends on your two answers alone and can be compared across assessments.
          </p>
          <p>
            Reading: for each dimension, the distance between one person&apos;s prediction and the other&apos;s mean; how many are within half a point, and
            their average. Assumed similarity is the same distance to the predictor&apos;s own mean (Kenny &amp; Acitelli 2001, Journal of Personality and
            Social Psychology 80(3), 439–448). Dimensions answered &ldquo;can&apos;t say&rdquo; are left out.
          </p>
        </div>
      </details>
    </section>
  );
}

/** The pair as one point: report's overall rating across, manager's up; the cut-off lines split the quadrants. */
function QuadrantChart({ employee, manager, quadrant, describedBy }: { employee: number; manager: number; quadrant: Quadrant; describedBy: string }) {
  const cut = at(QUADRANT_HIGH);
  const y = (score: number) => SIZE - at(score);
  const cells: { q: Quadrant; x: number; y: number; w: number; h: number; label: string[] }[] = [
    { q: "manager_higher", x: PAD, y: PAD, w: cut - PAD, h: y(QUADRANT_HIGH) - PAD, label: ["Manager higher"] },
    { q: "balanced_high", x: cut, y: PAD, w: SIZE - PAD - cut, h: y(QUADRANT_HIGH) - PAD, label: ["Both", "high"] },
    { q: "balanced_low", x: PAD, y: y(QUADRANT_HIGH), w: cut - PAD, h: SIZE - PAD - y(QUADRANT_HIGH), label: ["Both low"] },
    { q: "report_higher", x: cut, y: y(QUADRANT_HIGH), w: SIZE - PAD - cut, h: SIZE - PAD - y(QUADRANT_HIGH), label: ["Report", "higher"] },
  ];
  return (
    <figure aria-describedby={describedBy} className="shrink-0">
      <svg aria-hidden="true" viewBox={`0 0 ${SIZE} ${SIZE}`} className="h-48 w-48">
        {cells.map((cell) => (
          <g key={cell.q}>
            <rect
              x={cell.x}
              y={cell.y}
              width={cell.w}
              height={cell.h}
              className={cell.q === quadrant ? "fill-brand-50 stroke-brand-700" : "fill-slate-50 stroke-slate-200"}
              strokeWidth={cell.q === quadrant ? 2 : 1}
            />
            <text x={cell.x + cell.w / 2} y={cell.y + 13} textAnchor="middle" className="fill-slate-700 text-[9px]">
              {cell.label.map((line, i) => (
                <tspan key={line} x={cell.x + cell.w / 2} dy={i === 0 ? 0 : 10}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
        <text x={SIZE / 2} y={SIZE - 6} textAnchor="middle" className="fill-slate-700 text-[10px]">
          Report&apos;s rating →
        </text>
        <text x={10} y={SIZE / 2} textAnchor="middle" transform={`rotate(-90 10 ${SIZE / 2})`} className="fill-slate-700 text-[10px]">
          Manager&apos;s rating →
        </text>
        <circle cx={at(employee)} cy={y(manager)} r={6} className="fill-brand-700" />
      </svg>
    </figure>
  );
}
