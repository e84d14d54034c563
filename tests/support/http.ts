import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import type { Db } from "@/db/client";
import { createContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

/** The error shape the browser's client decodes from a refused call (a notes conflict carries what is stored now). */
export interface HttpError {
  message: string;
  data: { code: string; conflict?: { current: { body: string; version: number } } };
}

/** A call over HTTP as the browser makes it, signed in as `personId`: the status and the decoded error, if any. */
export async function overHttp(db: Db, personId: string, path: string, input: unknown) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://tandem.test/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    router: appRouter,
    createContext: () => createContext({ db, personId }),
  });
  const body = (await response.json()) as { error?: Parameters<typeof superjson.deserialize>[0] };
  return { status: response.status, error: body.error ? superjson.deserialize<HttpError>(body.error) : undefined };
}
