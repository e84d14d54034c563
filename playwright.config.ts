import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS, DEMO_URL, EMPTY_URL, NO_EXTERNAL, NODEMO_URL } from "./tests/e2e/support/servers";

// Browser tests against real `next start` servers (run `next build` first). Ports are fixed on
// purpose: the project reads the environment only in server/env.ts.
//
//   3100  demo mode, the main server (.data/e2e, wiped before each run)
//   3101  not demo, SMTP configured but unused (.data/e2e-nodemo)
//   3105  demo mode, left untouched by every test but one that looks at the empty outbox
//   3102–3104 are started by tests/e2e/processes.spec.ts itself; 3106 by people-import.spec.ts
//   (its imports must not change the people the other specs count), and 3109 for its import on
//   Postgres; 3107 by smtp.spec.ts; 3108 by people-admin.spec.ts;
//   identity.spec.ts picks free ports for its servers, identity provider and SMTP receiver.

function demoServer(port: number, dataDir: string, url: string) {
  return {
    command: `rm -rf ${dataDir} && npx next start -p ${port}`,
    url: `${url}/api/health`,
    env: { ...NO_EXTERNAL, TANDEM_DEMO: "", TANDEM_DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    // SIGTERM lets the server close PGlite cleanly and release its lock file.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  };
}

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: "test-results",
  reporter: "list",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: DEMO_URL,
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    demoServer(3100, ".data/e2e", DEMO_URL),
    {
      command: "rm -rf .data/e2e-nodemo && npx next start -p 3101",
      url: `${NODEMO_URL}/api/health`,
      env: {
        ...NO_EXTERNAL,
        TANDEM_DEMO: "0",
        TANDEM_DATA_DIR: ".data/e2e-nodemo",
        PORT: "3101",
        SMTP_URL: "smtp://127.0.0.1:2525",
        // Required outside demo mode: every emailed link is built from it.
        AUTH_URL: NODEMO_URL,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    demoServer(3105, ".data/e2e-empty", EMPTY_URL),
  ],
});
