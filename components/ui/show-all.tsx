import Link from "next/link";

/** The first `limit` items of a long list, or all of them when asked for (home's lists). */
export function firstOf<T>(items: T[], limit: number, all: boolean): T[] {
  return all ? items : items.slice(0, limit);
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
