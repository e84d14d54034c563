import { getDb } from "@/db/client";
import { currentSession } from "@/server/auth";
import { NotFoundError } from "@/server/errors";
import { meetingIcsFor } from "@/server/meetings/calendar";
import { publicOrigin } from "@/server/security/origin";

// One 1:1 as an .ics download, for the signed-in people of its pair. A plain route rather than
// a tRPC procedure because the browser downloads it from a link.

export const dynamic = "force-dynamic";

function plain(text: string, status: number) {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const [{ meetingId }, session, db] = await Promise.all([params, currentSession(), getDb()]);
  // As protectedProcedure: the session check already refused a deactivated person.
  const actor = session?.actor ?? null;
  if (!actor) return plain("Please sign in.", 401);
  try {
    const { filename, body } = await meetingIcsFor(db, actor, meetingId, new Date(), publicOrigin(request.headers, request.url));
    return new Response(body, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        // It may carry the agenda: keep it out of every cache.
        "cache-control": "private, no-store",
      },
    });
  } catch (err) {
    // Not a member, no such meeting, or not an id at all: the same answer (STYLE.md habit 4).
    if (err instanceof NotFoundError) return plain("Not found", 404);
    throw err;
  }
}
