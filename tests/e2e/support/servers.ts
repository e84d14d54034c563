import { fileURLToPath } from "node:url";

/** Fixed addresses of the servers playwright.config.ts starts (localhost: Auth.js cookies are set for it). */
export const DEMO_URL = "http://localhost:3100";
export const NODEMO_URL = "http://localhost:3101";
/** A demo server nobody signs in to or requests links from: its outbox stays empty. */
export const EMPTY_URL = "http://localhost:3105";

/**
 * Variables a test server must not inherit from the shell that runs the tests: empty means
 * unset (server/env.ts), so a developer's DATABASE_URL or SMTP_URL cannot leak into a run.
 */
export const NO_EXTERNAL = { DATABASE_URL: "", SMTP_URL: "", OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "", AUTH_SECRET: "", AUTH_URL: "" };

/** Debian's Chromium (never a downloaded browser), for Playwright and the Lighthouse bench. */
export const CHROMIUM = "/usr/bin/chromium";

/** The flags that keep it off the closed network and working in a container (STACK.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

/** Demo people the tests rely on (db/seed/demo-org.ts). */
export const people = {
  maya: "maya.chen@brightwater.example",
  aisha: "aisha.bello@brightwater.example",
  lena: "lena.fischer@brightwater.example",
  hannah: "hannah.schmidt@brightwater.example",
  kenji: "kenji.watanabe@brightwater.example",
} as const;

export const AISHA_REPORTS = ["Noah Patel", "Chloé Martin", "Ethan Walker", "Fatima Zahra", "Ben Carter", "Inês Costa"];

/** The project directory: servers run there and resolve relative TANDEM_DATA_DIRs against it. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
