import type { Db } from "@/db/client";
import { publishDueFigures } from "@/server/trends/stored-figures";

/**
 * What the worker does after cycles close: publishes their trend figures, one after another.
 * Tests call it where a person would wait for the figures to appear.
 */
export async function settleTrends(db: Db): Promise<number> {
  let published = 0;
  for (let n = await publishDueFigures(db, 10); n > 0; n = await publishDueFigures(db, 10)) published += n;
  return published;
}
