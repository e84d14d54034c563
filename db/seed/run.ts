// `npm run db:seed`: creates or updates the demo organization in the configured database.
// With the embedded database this must run while no server holds it (the lock says so).
import { getDbHandle } from "@/db/client";
import { seedDemoOrg } from "./demo-org";

try {
  const handle = await getDbHandle();
  try {
    const { people } = await seedDemoOrg(handle.db);
    console.log(`Demo organization ready: ${people} people (${handle.kind}).`);
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`Cannot seed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
