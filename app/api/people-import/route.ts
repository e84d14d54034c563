import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { isOrgAdmin } from "@/server/access/actor";
import { currentSession } from "@/server/auth";
import { announcedTooLarge, describeBytes, readBodyWithin } from "@/server/http/limits";
import { CROSS_SITE_MESSAGE, isSameOrigin } from "@/server/security/origin";
import { UPLOAD_LIMITS } from "@/server/people-import/columns";
import { createImportRun } from "@/server/people-import/import-runs";

// The upload of a people file for a background import: the body is the file itself
// (Content-Type text/csv, which a foreign page can't send without a preflight), from Tandem's
// own pages (Origin), by a signed-in HR admin or owner. It is read as a stream and refused
// with 413 as soon as it passes UPLOAD_LIMITS.maxBytes; then stored, and checked by the worker.

const json = (status: number, body: Record<string, unknown>) => NextResponse.json(body, { status });
const tooLarge = () =>
  json(413, {
    error: `The file is larger than ${describeBytes(UPLOAD_LIMITS.maxBytes)}, the most Tandem imports at once. Split it and import the parts one after the other.`,
  });

export async function POST(request: Request) {
  if (!isSameOrigin(request.headers)) return json(403, { error: CROSS_SITE_MESSAGE });
  const type = request.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  if (type !== "text/csv") return json(415, { error: "Send the file as text/csv." });
  const session = await currentSession();
  if (!session) return json(401, { error: "Please sign in." });
  if (!isOrgAdmin(session.actor)) return json(404, { error: "Not found" });
  if (announcedTooLarge(request.headers, UPLOAD_LIMITS.maxBytes)) return tooLarge();
  const body = await readBodyWithin(request, UPLOAD_LIMITS.maxBytes);
  if (body === "too-large") return tooLarge();

  let csv: string;
  try {
    csv = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return json(400, { error: "The file is not UTF-8 text. Save it as CSV (UTF-8) and try again." });
  }
  const named = (new URL(request.url).searchParams.get("name") ?? "").replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200);
  const fileName = named.isWellFormed() && named.trim() ? named.trim() : "people.csv";
  const { runId } = await createImportRun(await getDb(), session.actor, { fileName, csv });
  return json(202, { runId });
}
