"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Avatar } from "@/components/ui/avatar";
import { Alert, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

export function Directory() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const result = useInfiniteQuery(
    trpc.directory.list.infiniteQueryOptions({ query, limit: 50 }, { getNextPageParam: (page) => page.next, placeholderData: keepPreviousData }),
  );
  const people = result.data?.pages.flatMap((p) => p.people) ?? [];

  return (
    <div className="space-y-4">
      <div className="max-w-md">
        <label htmlFor="people-search" className="mb-1 block text-sm font-medium text-slate-800">
          Search by name, title, department or email
        </label>
        <input
          id="people-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={200}
          className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base"
        />
      </div>
      {result.isError ? <Alert>{result.error.message}</Alert> : null}
      <p className="sr-only" role="status">
        {result.isFetching
          ? "Searching…"
          : `${people.length}${result.hasNextPage ? "+" : ""} ${people.length === 1 && !result.hasNextPage ? "person" : "people"} found`}
      </p>
      {people.length === 0 && !result.isPending ? (
        <Card className="p-4 text-sm text-slate-700">Nobody matches “{query}”.</Card>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {people.map((person) => (
              <li key={person.id} className="flex items-start gap-3 p-4">
                <Avatar name={person.name} />
                <div className="min-w-0 flex-1">
                  <p className="font-semibold text-slate-900">{person.name}</p>
                  <p className="text-sm text-slate-700">{[person.title, person.department].filter(Boolean).join(" · ")}</p>
                  <p className="mt-0.5 break-all text-sm text-slate-600">
                    {person.email}
                    {person.manager ? <span className="break-normal"> · reports to {person.manager.name}</span> : null}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {result.hasNextPage ? (
        <Button variant="secondary" onClick={() => void result.fetchNextPage()} disabled={result.isFetchingNextPage}>
          {result.isFetchingNextPage ? "Loading…" : "Show more"}
        </Button>
      ) : null}
    </div>
  );
}
