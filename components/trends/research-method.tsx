import { MIN_DRIVER_PAIRS } from "@/server/analysis/agreement";
import { QUADRANT_HIGH } from "@/server/analysis/relationship";

/** How the research figures are computed, with their sources, and the anonymity rule they all pass (`k`, the cycle's minimum). */
export function ResearchMethod({ k }: { k: number }) {
  return (
    <details className="text-sm text-slate-700">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800">How these are computed</summary>
      <div className="space-y-2">
        <p>
          Absolute agreement is the two-way intraclass correlation for the agreement of single ratings, ICC(A,1) (McGraw &amp; Wong 1996, Psychological Methods
          1(1), 30–46; Shrout &amp; Fleiss 1979&apos;s ICC(2,1)), over the group&apos;s pairs with the report and the manager as the two raters of each
          dimension, with McGraw &amp; Wong&apos;s F-based 95% interval. Pairs where either side answered a dimension only &ldquo;can&apos;t say&rdquo; are left
          out of it.
        </p>
        <p>
          Balance: each side&apos;s overall rating is the mean of its dimension means, high from {QUADRANT_HIGH} (midway between &ldquo;Neither&rdquo; and
          &ldquo;Agree&rdquo;); crossing both gives the four combinations of Cogliser, Schriesheim, Scandura &amp; Gardner (2009), Leadership Quarterly 20(3),
          452–465. A fixed cut-off keeps each pair&apos;s own quadrant independent of other pairs.
        </p>
        <p>
          Reading: per person, the mean absolute difference between their predictions and the other&apos;s dimension means, and the share of dimensions within
          half a point; distance to own view is the same against their own means (accuracy and assumed similarity, Kenny &amp; Acitelli 2001, Journal of
          Personality and Social Psychology 80(3), 439–448). The group figure is the mean over its pairs.
        </p>
        <p>
          What goes with &ldquo;choose again&rdquo;: Spearman&apos;s rank correlation, across the group&apos;s pairs, between one side&apos;s answer to
          &ldquo;would you choose them again?&rdquo; and that side&apos;s score in each dimension, or the pair&apos;s gap in it. The 95% interval uses
          Fisher&apos;s z with Bonett &amp; Wright&apos;s standard error (2000, Psychometrika 65(1), 23–28). It is shown from {MIN_DRIVER_PAIRS} pairs where
          both submitted: below that, even a correlation of 0 has an interval wider than ±0.35, and the order of the dimensions would mostly be chance. Every
          answer counts here, whether or not its author let the other side see it; no one&apos;s answer can be read from it.
        </p>
        <p>
          Every figure on this page passes the same anonymity rules as the means: at least {k} people on each side it reports, and no difference with another
          group or cycle isolating fewer.
        </p>
      </div>
    </details>
  );
}
