import type postgres from "postgres";

// The people the HTTP parts of the benchmark act as, picked from the synthetic organization.

export interface Person {
  id: string;
  email: string;
  name: string;
}

export interface Actors {
  hrAdmin: Person;
  /** Everyone who may open the trends page (HR admins and the owner: four in the synthetic organization). */
  admins: Person[];
  /** Managers with at least 50 open pairs (the generator makes a few), most first; empty in a small organization. */
  wideManagers: (Person & { openPairs: number })[];
  /** Reports, each with the latest held 1:1 of their current pair that had an agenda: the meeting page. */
  meeting: (Person & { meetingId: string })[];
  /** A manager who also has a manager, with a typical team: the home page's Lighthouse run. */
  manager: Person;
  /** Reports whose current pair has at least two revealed assessments (a dashboard with a trend). */
  dashboard: (Person & { pairId: string })[];
  /** People with an unsubmitted response in the open cycle: autosave targets. */
  autosave: (Person & { assessmentId: string })[];
  /** Reports with both: the mixed journey (home, autosave, dashboard). */
  mixed: (Person & { pairId: string; assessmentId: string })[];
}

export async function pickActors(sql: postgres.Sql, orgId: string, count: number): Promise<Actors> {
  const [hrAdmin] = await sql<Person[]>`
    select p.id, p.email, p.name from org_roles r join people p on p.org_id = r.org_id and p.id = r.person_id
    where r.org_id = ${orgId} and r.role = 'hr_admin' order by p.id limit 1`;
  const [manager] = await sql<Person[]>`
    select m.id, m.email, m.name from people m
    where m.org_id = ${orgId} and m.deactivated_at is null and m.manager_id is not null
      and (select count(*) from pairs p where p.org_id = m.org_id and p.manager_id = m.id and p.ended_at is null) between 5 and 9
    order by m.id limit 1`;
  // A pair (aliased p) with a history to show.
  const revealedAtLeast2 = sql`(select count(*) from assessments a2 where a2.org_id = p.org_id and a2.pair_id = p.id and a2.revealed_at is not null) >= 2`;
  const dashboard = await sql<(Person & { pairId: string })[]>`
    select rep.id, rep.email, rep.name, p.id as "pairId"
    from pairs p join people rep on rep.org_id = p.org_id and rep.id = p.report_id
    where p.org_id = ${orgId} and p.ended_at is null and rep.deactivated_at is null and ${revealedAtLeast2}
    order by md5(rep.id::text) limit ${count}`;
  const autosave = await sql<(Person & { assessmentId: string })[]>`
    select * from (
      select distinct on (r.respondent_id) pe.id, pe.email, pe.name, r.assessment_id as "assessmentId"
      from responses r
      join assessments a on a.org_id = r.org_id and a.id = r.assessment_id
      join cycles c on c.org_id = a.org_id and c.id = a.cycle_id
      join people pe on pe.org_id = r.org_id and pe.id = r.respondent_id
      where r.org_id = ${orgId} and r.submitted_at is null and a.revealed_at is null and a.closed_at is null and c.status = 'open' and pe.deactivated_at is null
      order by r.respondent_id, a.id
    ) t order by md5(t.id::text) limit ${count}`;
  const mixed = await sql<(Person & { pairId: string; assessmentId: string })[]>`
    select rep.id, rep.email, rep.name, p.id as "pairId", r.assessment_id as "assessmentId"
    from responses r
    join assessments a on a.org_id = r.org_id and a.id = r.assessment_id
    join cycles c on c.org_id = a.org_id and c.id = a.cycle_id
    join pairs p on p.org_id = a.org_id and p.id = a.pair_id
    join people rep on rep.org_id = r.org_id and rep.id = r.respondent_id
    where r.org_id = ${orgId} and r.side = 'employee' and r.submitted_at is null and c.status = 'open' and a.closed_at is null
      and p.ended_at is null and rep.deactivated_at is null and ${revealedAtLeast2}
    order by md5(rep.id::text) limit ${count}`;
  const admins = await sql<Person[]>`
    select distinct p.id, p.email, p.name from org_roles r join people p on p.org_id = r.org_id and p.id = r.person_id
    where r.org_id = ${orgId} and r.role in ('hr_admin', 'owner') and p.deactivated_at is null order by p.id`;
  const wideManagers = await sql<(Person & { openPairs: number })[]>`
    select m.id, m.email, m.name, count(*)::int as "openPairs" from people m
    join pairs p on p.org_id = m.org_id and p.manager_id = m.id and p.ended_at is null
    where m.org_id = ${orgId} and m.deactivated_at is null
    group by m.id having count(*) >= 50 order by count(*) desc, m.id`;
  // As a report opens their last 1:1 to look back or carry on: agenda, notes, action items.
  const meeting = await sql<(Person & { meetingId: string })[]>`
    select * from (
      select distinct on (p.id) rep.id, rep.email, rep.name, mt.id as "meetingId"
      from pairs p
      join people rep on rep.org_id = p.org_id and rep.id = p.report_id
      join meetings mt on mt.org_id = p.org_id and mt.pair_id = p.id
      where p.org_id = ${orgId} and p.ended_at is null and rep.deactivated_at is null
        and mt.status = 'scheduled' and mt.starts_at < now()
        and exists (select 1 from agenda_items ai where ai.org_id = mt.org_id and ai.meeting_id = mt.id)
      order by p.id, mt.starts_at desc
    ) t order by md5(t.id::text) limit ${count}`;
  if (!hrAdmin || !manager) throw new Error("the synthetic organization lacks an HR admin or a manager with 5–9 reports");
  for (const [what, list] of Object.entries({ dashboard, autosave, mixed, meeting })) {
    if (list.length === 0) throw new Error(`no one in the synthetic organization fits the ${what} load test`);
  }
  return { hrAdmin, admins: [...admins], wideManagers: [...wideManagers], meeting: [...meeting], manager, dashboard: [...dashboard], autosave: [...autosave], mixed: [...mixed] };
}
