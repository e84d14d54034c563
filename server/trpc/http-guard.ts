import { TRPCError } from "@trpc/server";
import { resolveResponse } from "@trpc/server/http";
import { BODY_LIMIT_BYTES, IMPORT_BODY_LIMIT_BYTES, MAX_BATCH_CALLS, announcedTooLarge, readBodyWithin, tooLargeMessage, withBody } from "@/server/http/limits";
import { CROSS_SITE_MESSAGE, isSameOrigin } from "@/server/security/origin";
import { appRouter } from "./root";

// What a tRPC request over HTTP must be before any procedure runs (issue 17), checked in this
// order, each before the body is read whole:
// 1. at most MAX_BATCH_CALLS calls in a batch (413), queries included;
// 2. a mutation (POST) carries Tandem's own Origin (403): no cross-site request forgery;
// 3. a mutation is JSON (415): forms (multipart, urlencoded, text/plain) and raw bytes are
//    "simple" requests a foreign page can send without a preflight, so tRPC's own form-data
//    and octet-stream inputs are refused here;
// 4. the body is at most BODY_LIMIT_BYTES (IMPORT_BODY_LIMIT_BYTES for the people import),
//    by its Content-Length, or when it has none (chunked) by counting while it is read (413).
// Refusals are answered in tRPC's own error format, so the browser client reads the code and
// message like any other error.

const ENDPOINT = "/api/trpc";

/** Procedures whose input is a whole file. */
const LARGE_INPUT = new Set(["peopleImport.preview", "peopleImport.confirm"]);

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // tRPC answers a malformed path itself
  }
}

function pathsOf(url: URL): string[] {
  const path = decoded(url.pathname.slice(url.pathname.indexOf(ENDPOINT) + ENDPOINT.length).replace(/^\/+|\/+$/g, ""));
  return url.searchParams.get("batch") === "1" ? path.split(",") : [path];
}

function isJson(headers: Headers): boolean {
  return headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase() === "application/json";
}

export type Guarded = { ok: true; req: Request } | { ok: false; error: TRPCError; paths: string[] };

export async function guardTrpcRequest(req: Request): Promise<Guarded> {
  const url = new URL(req.url);
  const paths = pathsOf(url);
  if (paths.length > MAX_BATCH_CALLS) {
    return {
      ok: false,
      paths,
      error: new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `A batch can hold at most ${MAX_BATCH_CALLS} calls; this one has ${paths.length}.` }),
    };
  }
  if (req.method !== "POST") return { ok: true, req };
  if (!isSameOrigin(req.headers)) return { ok: false, paths, error: new TRPCError({ code: "FORBIDDEN", message: CROSS_SITE_MESSAGE }) };
  if (!isJson(req.headers)) {
    return {
      ok: false,
      paths,
      error: new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Tandem's API accepts only JSON (Content-Type: application/json)." }),
    };
  }
  const limit = paths.some((p) => LARGE_INPUT.has(p)) ? IMPORT_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
  const tooLarge = () => ({ ok: false as const, paths, error: new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: tooLargeMessage(limit) }) });
  if (announcedTooLarge(req.headers, limit)) return tooLarge();
  // An announced length is the body's: Node's HTTP parser hands on exactly that many bytes (what
  // follows is read as the next request, and a request announcing both a length and chunks is
  // refused before it gets here). So the body is left for tRPC to read once, and only a body of
  // unknown length (chunked) is read here first, counting, and handed on as a copy.
  if (req.headers.get("content-length") !== null) return { ok: true, req };
  const body = await readBodyWithin(req, limit);
  if (body === "too-large") return tooLarge();
  return { ok: true, req: withBody(req, body) };
}

/**
 * Answers a refused request as tRPC answers an error, for one call: the client applies an
 * answer that is not a list to every call of its batch. Nothing runs: the error is given to
 * resolveResponse as "the request had an issue before reaching the handler".
 */
export function refuse(req: Request, guarded: Extract<Guarded, { ok: false }>): Promise<Response> {
  const path = guarded.paths[0] ?? "";
  const standIn = new Request(new URL(`${ENDPOINT}/${encodeURIComponent(path)}`, req.url), { method: "GET" });
  return resolveResponse({
    router: appRouter,
    req: standIn,
    path,
    error: guarded.error,
    createContext: async () => {
      throw guarded.error;
    },
  });
}
