import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, organizations, orgRoles, people, type OrgRole } from "@/db/schema";
import { setManager } from "@/server/people/set-manager";
import { seedDemoHistory } from "./demo-history";
import { seedDemoMeetings } from "./demo-meetings";

// Brightwater Analytics: a believable 38-person company in seven departments. Managers have
// 2–6 reports; several people are both a report and a manager (Sam Rivera reports to Daniel
// Okafor and manages five engineers). Addresses use the reserved .example domain.

// Brightwater works from Berlin: its cycles open and close at midnight there.
export const DEMO_ORG = { slug: "brightwater", name: "Brightwater Analytics", timeZone: "Europe/Berlin" } as const;
const DOMAIN = "brightwater.example";

interface DemoPerson {
  name: string;
  title: string;
  department: string;
  manager?: string;
  startDate: string;
  roles?: OrgRole[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: "Maya Chen", title: "Chief Executive Officer", department: "Leadership", startDate: "2017-03-01", roles: ["owner"] },

  { name: "Daniel Okafor", title: "VP of Engineering", department: "Engineering", manager: "Maya Chen", startDate: "2018-01-15" },
  { name: "Priya Raman", title: "Head of Product", department: "Product & Design", manager: "Maya Chen", startDate: "2018-06-04" },
  { name: "Lucas Moreau", title: "VP of Sales", department: "Sales", manager: "Maya Chen", startDate: "2019-02-11" },
  { name: "Hannah Schmidt", title: "Head of People", department: "People", manager: "Maya Chen", startDate: "2019-09-02", roles: ["hr_admin"] },
  { name: "Tomás Alvarez", title: "Head of Finance", department: "Finance", manager: "Maya Chen", startDate: "2020-01-06" },

  { name: "Sam Rivera", title: "Engineering Manager, Platform", department: "Engineering", manager: "Daniel Okafor", startDate: "2019-04-23" },
  { name: "Aisha Bello", title: "Engineering Manager, Product", department: "Engineering", manager: "Daniel Okafor", startDate: "2020-08-17" },
  { name: "Jonas Weber", title: "Staff Engineer", department: "Engineering", manager: "Daniel Okafor", startDate: "2018-11-05" },

  { name: "Lena Fischer", title: "Senior Software Engineer", department: "Engineering", manager: "Sam Rivera", startDate: "2020-02-03" },
  { name: "Kenji Watanabe", title: "Software Engineer", department: "Engineering", manager: "Sam Rivera", startDate: "2022-05-09" },
  { name: "Olivia Brooks", title: "Site Reliability Engineer", department: "Engineering", manager: "Sam Rivera", startDate: "2021-07-12" },
  { name: "Mateo Silva", title: "Software Engineer", department: "Engineering", manager: "Sam Rivera", startDate: "2023-01-16" },
  { name: "Grace Liu", title: "Junior Software Engineer", department: "Engineering", manager: "Sam Rivera", startDate: "2024-09-02" },

  { name: "Noah Patel", title: "Senior Software Engineer", department: "Engineering", manager: "Aisha Bello", startDate: "2021-03-01" },
  { name: "Chloé Martin", title: "Software Engineer", department: "Engineering", manager: "Aisha Bello", startDate: "2022-10-03" },
  { name: "Ethan Walker", title: "Software Engineer", department: "Engineering", manager: "Aisha Bello", startDate: "2023-04-17" },
  { name: "Fatima Zahra", title: "QA Engineer", department: "Engineering", manager: "Aisha Bello", startDate: "2021-11-22" },
  { name: "Ben Carter", title: "Frontend Engineer", department: "Engineering", manager: "Aisha Bello", startDate: "2024-02-05" },
  { name: "Inês Costa", title: "Software Engineer", department: "Engineering", manager: "Aisha Bello", startDate: "2025-03-10" },

  { name: "Alex Kim", title: "Senior Product Manager", department: "Product & Design", manager: "Priya Raman", startDate: "2020-05-18" },
  { name: "Zoe Adams", title: "Design Lead", department: "Product & Design", manager: "Priya Raman", startDate: "2020-10-12" },
  { name: "Ravi Shah", title: "Product Manager", department: "Product & Design", manager: "Priya Raman", startDate: "2023-06-05" },
  { name: "Emma Novak", title: "Product Designer", department: "Product & Design", manager: "Zoe Adams", startDate: "2022-01-10" },
  { name: "Luca Romano", title: "UX Researcher", department: "Product & Design", manager: "Zoe Adams", startDate: "2023-09-18" },

  { name: "Sofia Petrov", title: "Sales Manager", department: "Sales", manager: "Lucas Moreau", startDate: "2020-03-09" },
  { name: "Jamal Wright", title: "Head of Customer Success", department: "Customer Success", manager: "Lucas Moreau", startDate: "2020-07-20" },
  { name: "Harper Young", title: "Account Executive", department: "Sales", manager: "Sofia Petrov", startDate: "2022-02-14" },
  { name: "Diego Ramírez", title: "Account Executive", department: "Sales", manager: "Sofia Petrov", startDate: "2022-08-01" },
  { name: "Nina Johansson", title: "Sales Development Representative", department: "Sales", manager: "Sofia Petrov", startDate: "2024-01-08" },
  { name: "Owen Murphy", title: "Account Executive", department: "Sales", manager: "Sofia Petrov", startDate: "2023-03-13" },
  { name: "Leila Haddad", title: "Customer Success Manager", department: "Customer Success", manager: "Jamal Wright", startDate: "2021-05-24" },
  { name: "Marcus Bell", title: "Customer Success Manager", department: "Customer Success", manager: "Jamal Wright", startDate: "2022-11-07" },
  { name: "Yuki Tanaka", title: "Support Engineer", department: "Customer Success", manager: "Jamal Wright", startDate: "2023-07-31" },

  { name: "Clara Dubois", title: "People Partner", department: "People", manager: "Hannah Schmidt", startDate: "2021-09-13" },
  { name: "Peter Lindqvist", title: "Recruiter", department: "People", manager: "Hannah Schmidt", startDate: "2023-02-20" },
  { name: "Anna Kowalski", title: "Financial Analyst", department: "Finance", manager: "Tomás Alvarez", startDate: "2021-04-12" },
  { name: "Rui Santos", title: "Accountant", department: "Finance", manager: "Tomás Alvarez", startDate: "2022-12-05" },
];

export function demoEmail(name: string): string {
  const local = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
  return `${local}@${DOMAIN}`;
}

/**
 * Creates or updates the demo organization, with two past assessment cycles. Idempotent:
 * running it again leaves the same people, roles, pairs and history (nothing duplicated, no
 * pair closed and reopened).
 */
export async function seedDemoOrg(db: Db): Promise<{ orgId: string; people: number }> {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      // The zone only on the first seed: re-seeding keeps whatever the owner chose since.
      .values({ slug: DEMO_ORG.slug, name: DEMO_ORG.name, isDemo: true, timeZone: DEMO_ORG.timeZone })
      .onConflictDoUpdate({ target: organizations.slug, set: { name: DEMO_ORG.name, isDemo: true } })
      .returning({ id: organizations.id });
    if (!org) throw new Error("demo organization upsert returned no row");
    const orgId = org.id;

    const departmentIds = new Map<string, string>();
    for (const name of new Set(DEMO_PEOPLE.map((p) => p.department))) {
      await tx.insert(departments).values({ orgId, name }).onConflictDoNothing();
      const [row] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.orgId, orgId), sql`lower(${departments.name}) = lower(${name})`));
      if (!row) throw new Error(`department ${name} missing after upsert`);
      departmentIds.set(name, row.id);
    }

    const personIds = new Map<string, string>();
    for (const p of DEMO_PEOPLE) {
      // Every demo name is written "Given Family", so its first word is the given name: a fact
      // of this list, not a rule Tandem applies to anyone else's name.
      const values = { title: p.title, departmentId: departmentIds.get(p.department), startDate: p.startDate, name: p.name, givenName: p.name.split(" ")[0]! };
      const [row] = await tx
        .insert(people)
        .values({ orgId, email: demoEmail(p.name), ...values })
        .onConflictDoUpdate({ target: [people.orgId, people.email], set: values })
        .returning({ id: people.id });
      if (!row) throw new Error(`person ${p.name} upsert returned no row`);
      personIds.set(p.name, row.id);
      for (const role of p.roles ?? []) {
        await tx.insert(orgRoles).values({ orgId, personId: row.id, role }).onConflictDoNothing();
      }
    }

    for (const p of DEMO_PEOPLE) {
      const personId = personIds.get(p.name)!;
      const managerId = p.manager ? personIds.get(p.manager) : null;
      if (managerId === undefined) throw new Error(`unknown manager ${p.manager} of ${p.name}`);
      await setManager(tx, { orgId, personId, managerId, at: new Date(`${p.startDate}T09:00:00Z`) });
    }
    await seedDemoHistory(tx, orgId, { managerEmail: demoEmail("Aisha Bello"), reportEmail: demoEmail("Ben Carter") });
    await seedDemoMeetings(tx, orgId, { managerEmail: demoEmail("Aisha Bello"), reportEmail: demoEmail("Ben Carter"), hrEmail: demoEmail("Hannah Schmidt") });
    return { orgId, people: DEMO_PEOPLE.length };
  });
}
