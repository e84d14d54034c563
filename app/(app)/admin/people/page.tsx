import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PeopleFilters, type PeopleFilterValues } from "@/components/people-admin/people-filters";
import { PeopleTable } from "@/components/people-admin/people-table";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isOrgAdmin } from "@/server/access/actor";
import { getCaller, getShell } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Manage people" };

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined, max = 200) => (typeof v === "string" ? v.trim().slice(0, max) : "");
/** What a person can type, as the procedures accept it (no NUL, no broken characters). */
const clean = (s: string) => (s.isWellFormed() ? s.replaceAll("\u0000", "") : "");

function readSearch(search: Search) {
  const status = one(search.status);
  const values: PeopleFilterValues = {
    q: clean(one(search.q)),
    department: UUID.test(one(search.department)) ? one(search.department).toLowerCase() : "",
    manager: clean(one(search.manager)),
    status: status === "deactivated" || status === "all" ? status : "active",
  };
  const afterId = one(search.after);
  const afterName = clean(one(search.afterName, 500));
  const cursor = UUID.test(afterId) && afterName ? { id: afterId.toLowerCase(), name: afterName } : null;
  const page = cursor ? Math.min(Math.max(Number.parseInt(one(search.page), 10) || 2, 2), 10_000) : 1;
  return { values, cursor, page };
}

export default async function ManagePeoplePage({ searchParams }: { searchParams: Promise<Search> }) {
  const shell = await getShell();
  // Members get the same "not found" as for any page that isn't theirs; the procedures check again.
  if (!isOrgAdmin(shell)) notFound();
  const caller = await getCaller();
  const { values, cursor, page } = readSearch(await searchParams);
  const [departments, list] = await Promise.all([
    caller.people.departments(),
    caller.people.list({ query: values.q, departmentId: values.department || null, manager: values.manager, status: values.status, cursor, limit: PAGE_SIZE }),
  ]);
  const first = (page - 1) * PAGE_SIZE + 1;
  const filters = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "" && v !== "active"));
  const nextHref = list.next
    ? `/admin/people?${new URLSearchParams([...filters, ["after", list.next.id], ["afterName", list.next.name], ["page", String(page + 1)]])}`
    : null;
  const firstHref = `/admin/people${filters.size > 0 ? `?${filters}` : ""}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <PageHeader title="Manage people">Everyone in your organization: edit a person, change their manager or roles, deactivate someone who left.</PageHeader>
        <ButtonLink href="/admin/people/import" variant="secondary" className="shrink-0">
          Import people
        </ButtonLink>
      </div>
      <PeopleFilters values={values} departments={departments} />
      <p role="status" className="text-sm text-slate-700">
        {list.total === 0
          ? "Nobody matches these filters."
          : `${list.people.length > 0 ? `${first.toLocaleString("en")}–${(first + list.people.length - 1).toLocaleString("en")} of ` : ""}${list.total.toLocaleString("en")} ${list.total === 1 ? "person" : "people"}`}
      </p>
      {list.people.length > 0 ? (
        <PeopleTable people={list.people} />
      ) : list.total > 0 ? (
        <Card className="p-4 text-sm text-slate-700">No more people on this page.</Card>
      ) : null}
      <nav aria-label="Pages" className="flex flex-wrap gap-3">
        {page > 1 ? (
          <Link href={firstHref} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-2">
            First page
          </Link>
        ) : null}
        {nextHref ? (
          <Link href={nextHref} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-2">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
