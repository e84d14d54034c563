import Link from "next/link";

/** The first `limit` items of a long list, or all of them when asked for (home's lists). */
export function firstOf<T>(items: T[], limit: number, all: boolean): T[] {
  return all ? items : items.slice(0, limit);
}

/** Which of home's capped lists are shown whole (`?assessments=all`, `?reports=all`). */
export type ShownWhole = { assessments: boolean; reports: boolean };

/** Home's address with `list` shown whole too, keeping any other list already shown whole, scrolled to `list`'s section. */
export function showAllHref(whole: ShownWhole, list: keyof ShownWhole, anchor: string): string {
  const query = new URLSearchParams();
  for (const key of ["assessments", "reports"] as const) if (whole[key] || key === list) query.set(key, "all");
  return `/?${query.toString()}#${anchor}`;
}

/** "Show all N …", when a list shows fewer than it has: a link to the page listing every one. */
export function ShowAllLink({ shown, total, href, noun }: { shown: number; total: number; href: string; noun: string }) {
  if (shown >= total) return null;
  return (
    <Link href={href} className="mt-3 inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">
      Show all {total} {noun}
    </Link>
  );
}
