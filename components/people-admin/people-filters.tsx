import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { fieldClass, labelClass } from "@/components/ui/field";

// The people page's filters: a GET form, so a search is an address (shareable, reloadable,
// usable without JavaScript), and the server pages through the results.

export interface PeopleFilterValues {
  q: string;
  department: string;
  manager: string;
  status: "active" | "deactivated" | "all";
}

export function PeopleFilters({ values, departments }: { values: PeopleFilterValues; departments: { id: string; name: string }[] }) {
  const filtered = values.q !== "" || values.department !== "" || values.manager !== "" || values.status !== "active";
  return (
    <form
      method="get"
      action="/admin/people"
      aria-label="Find people"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.5fr_1.4fr_1.4fr_1fr_auto] lg:items-end"
    >
      <div>
        <label htmlFor="people-q" className={labelClass}>
          Name, email or title
        </label>
        <input id="people-q" name="q" type="search" defaultValue={values.q} maxLength={200} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="people-department" className={labelClass}>
          Department
        </label>
        <select id="people-department" name="department" defaultValue={values.department} className={fieldClass}>
          <option value="">Any department</option>
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="people-manager" className={labelClass}>
          Manager&apos;s name or email
        </label>
        <input id="people-manager" name="manager" type="search" defaultValue={values.manager} maxLength={200} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="people-status" className={labelClass}>
          Status
        </label>
        <select id="people-status" name="status" defaultValue={values.status} className={fieldClass}>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
          <option value="all">Everyone</option>
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
        {filtered ? (
          <Link href="/admin/people" className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
