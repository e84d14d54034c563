"use client";

import { Badge, Card } from "@/components/ui/card";
import type { Side } from "@/server/assessments/item-bank";
import { formatScore, formatSigned, gapChange } from "./format";
import { GAP_WORDS, GapBadge, gapLevel } from "./gap-badge";
import { OtherMark, YouMark } from "./gap-chart";
import { meansOf, perspectiveOf, type DimensionResult, type Perspective } from "./perspective";

/**
 * "Dimension by dimension": each dimension's means and gap, what to talk about, and its
 * statements. A client component, rendered on the server too (the collapsed statements read
 * without JavaScript): the page sends the analysis and the statements' texts once, as data,
 * rather than every card's markup twice (as HTML and again in the RSC payload).
 */
export function DimensionDetails({
  dimensions,
  strengths,
  previousTitle,
  statements,
  me,
  otherFirst,
}: {
  dimensions: DimensionResult[];
  strengths: string[];
  previousTitle: string | null;
  /** Each statement's text as the reader was asked it, by item key (personalize(text[me], other)). */
  statements: Record<string, string>;
  me: Side;
  otherFirst: string;
}) {
  const view = perspectiveOf(me, otherFirst);
  return (
    <section aria-labelledby="dimensions" className="space-y-4">
      <h2 id="dimensions" className="text-lg font-semibold">
        Dimension by dimension
      </h2>
      <p className="text-sm text-slate-700">Trust and goal alignment first, then the largest gaps.</p>
      <ul className="space-y-3">
        {dimensions.map((dimension) => (
          <li key={dimension.key}>
            <DimensionCard
              dimension={dimension}
              isStrength={strengths.includes(dimension.key)}
              previousTitle={previousTitle}
              statements={statements}
              view={view}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DimensionCard({
  dimension,
  isStrength,
  previousTitle,
  statements,
  view,
}: {
  dimension: DimensionResult;
  isStrength: boolean;
  previousTitle: string | null;
  statements: Record<string, string>;
  view: Perspective;
}) {
  const { me, them, otherFirst, mine, theirs, myGap } = view;
  const gap = myGap(dimension.gap);
  return (
    <Card className="space-y-3 p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{dimension.name}</h3>
        {dimension.notable ? <GapBadge gap={dimension} /> : isStrength ? <Badge tone="brand">Shared strength</Badge> : null}
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
        <span className="inline-flex items-center gap-1.5">
          <YouMark /> You: {formatScore(mine(meansOf(dimension)))}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <OtherMark /> {otherFirst}: {formatScore(theirs(meansOf(dimension)))}
        </span>
        <span>Gap: {formatSigned(gap)}</span>
        {previousTitle && dimension.change && dimension.change.gap !== null && gap !== null ? (
          <span className="text-slate-600">
            {gapChange(gap, myGap(dimension.change.gap)!)} since {previousTitle}
          </span>
        ) : null}
      </p>
      {dimension.prompt ? (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-950">
          <span className="font-semibold">To talk about: </span>
          {dimension.prompt}
        </p>
      ) : null}
      <details>
        <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">The {dimension.items.length} statements</summary>
        <ul className="divide-y divide-slate-100 text-sm">
          {dimension.items.map((item) => {
            const text = statements[item.key];
            const cantSay = (side: Side) => (side === "employee" ? item.employeeCantSay : item.managerCantSay);
            // A statement's rating is one answer, a whole number.
            const score = (side: Side) => (cantSay(side) ? "can't say" : item[side] === null ? "–" : String(item[side]));
            const level = gapLevel(item);
            return (
              <li key={item.key} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-baseline sm:justify-between">
                <span>{text ?? item.key}</span>
                <span className="shrink-0 text-slate-700">
                  You {score(me)} · {otherFirst} {score(them)}
                  {level ? ` · ${GAP_WORDS[level].toLowerCase()}` : ""}
                </span>
              </li>
            );
          })}
        </ul>
      </details>
    </Card>
  );
}
