import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "@/db/migrate";

// Migration 0011 gives trend_group_figures the org_id every organization's row carries: figures
// published before it get their snapshot's organization, and from then on the composite key
// refuses a row whose organization is not its cycle's.

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };

/** The migrations folder as it stood before `tag`. */
function folderBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-before-"));
  fs.cpSync(migrationsFolder, dir, { recursive: true });
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  expect(upTo).toBeGreaterThan(0);
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  return dir;
}

describe("migration 0011: trend_group_figures.org_id", () => {
  let client: PGlite;
  let before: string;
  const ids = { orgA: "", orgB: "", cycleA: "", cycleB: "" };

  beforeAll(async () => {
    before = folderBefore("0011_trend_figures_org");
    client = await PGlite.create();
    await migrate(drizzle({ client }), { migrationsFolder: before });
    for (const org of ["a", "b"] as const) {
      const { rows } = await client.query<{ id: string }>(`insert into organizations (name, slug) values ($1, $2) returning id`, [`Org ${org}`, `org-${org}`]);
      const orgId = rows[0]!.id;
      const cycle = await client.query<{ id: string }>(
        `insert into cycles (org_id, name, opens_on, closes_on, status, bank_version, min_group_size) values ($1, 'Q1', '2026-01-05', '2026-01-30', 'closed', 1, 5) returning id`,
        [orgId],
      );
      const cycleId = cycle.rows[0]!.id;
      await client.query(`insert into trend_snapshots (cycle_id, org_id, inputs, k) values ($1, $2, 'f4', 5)`, [cycleId, orgId]);
      for (const [position, groupId] of [`org:${orgId}`, `team:${orgId}`].entries()) {
        await client.query(`insert into trend_group_figures (cycle_id, group_id, position, figures) values ($1, $2, $3, '{}')`, [cycleId, groupId, position]);
      }
      if (org === "a") Object.assign(ids, { orgA: orgId, cycleA: cycleId });
      else Object.assign(ids, { orgB: orgId, cycleB: cycleId });
    }
    await migrate(drizzle({ client }), { migrationsFolder });
  });

  afterAll(async () => {
    await client?.close();
    fs.rmSync(before, { recursive: true, force: true });
  });

  it("gives every stored figure its snapshot's organization", async () => {
    const { rows } = await client.query<{ cycle_id: string; org_id: string }>(`select cycle_id, org_id from trend_group_figures order by cycle_id, position`);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.org_id).toBe(row.cycle_id === ids.cycleA ? ids.orgA : ids.orgB);
  });

  it("refuses a figure without an organization, or with another organization than its cycle's", async () => {
    await expect(
      client.query(`insert into trend_group_figures (cycle_id, group_id, position, figures) values ($1, 'x', 9, '{}')`, [ids.cycleA]),
    ).rejects.toThrow(/null value/);
    await expect(
      client.query(`insert into trend_group_figures (cycle_id, org_id, group_id, position, figures) values ($1, $2, 'x', 9, '{}')`, [ids.cycleA, ids.orgB]),
    ).rejects.toThrow(/foreign key/);
  });

  it("still drops a cycle's figures with its snapshot", async () => {
    await client.query(`delete from trend_snapshots where cycle_id = $1`, [ids.cycleA]);
    const { rows } = await client.query<{ org_id: string }>(`select org_id from trend_group_figures`);
    expect(rows.map((r) => r.org_id)).toEqual([ids.orgB, ids.orgB]);
  });
});
