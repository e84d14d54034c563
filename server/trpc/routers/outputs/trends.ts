import { z } from "zod";
import { QUADRANTS } from "@/server/analysis/relationship";
import { DIMENSION_KEYS } from "@/server/assessments/item-bank";
import { bySide, cellOf, participation, sideEnum } from "./cells";

// What the trends procedures may return to HR: the published figures' cells and the cycle list.

const share = cellOf(z.number());
const distribution = cellOf(z.record(z.string(), z.number()));
const rank = z.object({ rho: z.number(), lower: z.number(), upper: z.number() });

const dimensionFigures = z.object({
  key: z.enum(DIMENSION_KEYS),
  name: z.string(),
  mean: bySide(share),
  meanAbsGap: share,
  agreement: cellOf(z.object({ r: z.number(), lower: z.number(), upper: z.number(), pairs: z.number().int() })),
  absoluteAgreement: cellOf(z.object({ icc: z.number(), lower: z.number().nullable(), upper: z.number().nullable() })),
  alpha: bySide(share),
});

export const groupFigures = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["org", "department", "team"]),
  depth: z.number().int(),
  hidden: z.boolean(),
  hiddenSides: z.array(sideEnum),
  participation,
  dimensions: z.array(dimensionFigures),
  largeTrustOrGoalsGapShare: share,
  chooseAgain: bySide(distribution),
  stance: bySide(distribution),
  balance: cellOf(z.object(Object.fromEntries(QUADRANTS.map((q) => [q, z.number()])) as Record<(typeof QUADRANTS)[number], z.ZodNumber>)),
  reading: bySide(cellOf(z.object({ meanAbsError: z.number(), withinShare: z.number(), assumedSimilarity: z.number() }))),
  chooseAgainDrivers: bySide(cellOf(z.array(z.object({ key: z.enum(DIMENSION_KEYS), score: rank.nullable(), gap: rank.nullable() })))),
});

/**
 * A heatmap row: plain numbers, so checking hundreds of rows costs little. Per dimension in the
 * item bank's order, a shown figure or null (hidden): never an object, so no count can pass.
 */
const figurePerDimension = z.array(z.number().nullable());
const heatmapRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["org", "department", "team"]),
  depth: z.number().int(),
  mean: bySide(figurePerDimension),
  meanAbsGap: figurePerDimension,
});

const listedCycle = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["draft", "open", "closed"]),
  closesOn: z.string(),
  bankVersion: z.number().int(),
  figures: z.enum(["open", "preparing", "published"]),
});

const trendsBase = { cycles: z.array(listedCycle), benchmark: z.object({ rho: z.number(), source: z.string() }) };

/** The cycle's teams: how many, and those found by name (names only, no figures). */
const teams = z.object({ count: z.number().int(), found: z.array(z.object({ id: z.string(), name: z.string() })), foundCount: z.number().int() });

/**
 * One cycle's figures for the group its page shows, the heatmap's rows, or its participation while open;
 * or, before any cycle opened, nothing but the empty list.
 */
export const cycleTrendsOutput = z.union([
  // The usual answer first: a union tries its options in order.
  z.object({
    ...trendsBase,
    cycle: listedCycle,
    k: z.number().int(),
    group: groupFigures.nullable(),
    rows: z.array(heatmapRow),
    teams,
    participation: participation.nullable(),
  }),
  z.object({ ...trendsBase, cycle: z.null(), k: z.null(), group: z.null(), rows: z.array(heatmapRow), teams, participation: z.null() }),
]);

export const trendSeriesOutput = z.array(
  z.object({
    cycle: z.object({ id: z.string(), name: z.string() }),
    dimensions: z.array(z.object({ key: z.enum(DIMENSION_KEYS), name: z.string(), mean: bySide(share), meanAbsGap: share })),
  }),
);

export const csvFileOutput = z.object({ filename: z.string(), csv: z.string() });
