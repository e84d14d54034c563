import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { startNext, waitForStatus, type Started } from "./processes";
import { PROJECT_ROOT } from "./servers";

// A demo server a spec owns, on its own port and embedded database, that it can stop and start
// again on the same data (tests/e2e/faults.spec.ts). Stopping sends SIGTERM to the whole process
// group, so PGlite closes cleanly and the next start opens the same directory.

const noExternal = { DATABASE_URL: "", SMTP_URL: "", OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "", AUTH_SECRET: "", AUTH_URL: "" };

export interface RestartableServer {
  url: string;
  /** Starts the server (again) on the same data directory and waits until it is healthy. */
  start(): Promise<void>;
  /** Stops it; resolves once no process of it is left. */
  stop(): Promise<void>;
  output(): string;
}

export function restartableServer(port: number, dataDir: string, options: { wipe: boolean }): RestartableServer {
  const url = `http://localhost:${port}`;
  let current: Started | null = null;
  let log = "";
  if (options.wipe) fs.rmSync(path.join(PROJECT_ROOT, dataDir), { recursive: true, force: true });
  return {
    url,
    async start() {
      if (current) throw new Error(`the server on ${port} is already running`);
      current = startNext(port, { ...noExternal, TANDEM_DEMO: "1", TANDEM_DATA_DIR: dataDir });
      await waitForStatus(current, `${url}/api/health`, 200, 120_000);
    },
    async stop() {
      if (!current) return;
      await current.stop();
      log += current.output();
      current = null;
      // Nothing may answer any more: the page is talking to nobody.
      await expect(fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    },
    output: () => log + (current?.output() ?? ""),
  };
}

/** A localStorage value of the page's origin (what the autosave hooks keep unsaved). */
/** What this device keeps under `prefix` (keys end with the person or side they belong to). */
export function storedItem(page: Page, prefix: string): Promise<string | null> {
  return page.evaluate((p) => {
    const key = Object.keys(window.localStorage).find((k) => k.startsWith(`${p}:`));
    return key === undefined ? null : window.localStorage.getItem(key);
  }, prefix);
}
