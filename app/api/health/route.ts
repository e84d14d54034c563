import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: handle.kind }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    console.error("[tandem] health check failed:", err);
    return Response.json({ status: "error", reason: "database unreachable" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
