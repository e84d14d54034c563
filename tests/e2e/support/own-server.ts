import fs from "node:fs";
import path from "node:path";
import { test } from "./fixtures";
import { startNext, waitForStatus, type Started } from "./processes";
import { NO_EXTERNAL, PROJECT_ROOT } from "./servers";

/**
 * A demo server of the spec file's own, on a fresh data directory, for specs that change what
 * the others count on the shared server (people, imports). Started before the file's tests and
 * stopped after them; returns its address.
 */
export function ownDemoServer(port: number, dataDir: string): string {
  const url = `http://localhost:${port}`;
  let server: Started | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    fs.rmSync(path.join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
    server = startNext(port, { ...NO_EXTERNAL, TANDEM_DEMO: "", TANDEM_DATA_DIR: dataDir });
    await waitForStatus(server, `${url}/api/health`, 200, 90_000);
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return url;
}
