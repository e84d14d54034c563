import net from "node:net";
import path from "node:path";
import { z } from "zod";

// The only module that reads process.env (STYLE.md habit 6). Read lazily, because `next build`
// evaluates server modules without the runtime configuration.

const flag = z.enum(["0", "1"], { error: 'must be "0" or "1"' });

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    TANDEM_DATA_DIR: z.string().min(1).default(".data"),
    TANDEM_DEMO: flag.optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)").optional(),
    AUTH_URL: z
      .url()
      .regex(/^https?:\/\//, "must be an http:// or https:// URL, e.g. https://tandem.example.com")
      .optional(),
    // Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR
    // ranges (server/auth/client-address.ts). Unset: the connection's own address is the client's.
    TANDEM_TRUSTED_PROXIES: z.string().optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587")
      .optional(),
    EMAIL_FROM: z.string().min(3).default("Tandem <tandem@localhost>"),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("single sign-on"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Emails the job queue sends per minute per organization (invitations, cycle emails, reminders). */
    TANDEM_MAIL_PER_MINUTE: z.coerce
      .number({ error: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(100_000)
      .default(300),
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    TEST_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  })
  .superRefine((v, ctx) => {
    for (const entry of (v.TANDEM_TRUSTED_PROXIES ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [address = "", prefix, ...rest] = entry.split("/");
      const family = net.isIP(address);
      const bits = prefix === undefined ? 0 : Number(prefix);
      if (family === 0 || rest.length > 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
        ctx.addIssue({
          code: "custom",
          path: ["TANDEM_TRUSTED_PROXIES"],
          message: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/8)`,
        });
      }
    }
    const oidc = [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!v[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when single sign-on is configured" });
      }
    }
  });

export type Env = z.infer<typeof schema> & {
  /** Embedded PGlite when DATABASE_URL is unset. */
  databaseKind: "pglite" | "postgres";
  /** Demo organization, "sign in as" and the dev outbox. */
  demo: boolean;
  dataDir: string;
  smtpConfigured: boolean;
  ssoConfigured: boolean;
};

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const values = result.data;
  const databaseKind = values.DATABASE_URL ? "postgres" : "pglite";
  return {
    ...values,
    databaseKind,
    demo: values.TANDEM_DEMO ? values.TANDEM_DEMO === "1" : databaseKind === "pglite",
    dataDir: path.resolve(values.TANDEM_DATA_DIR),
    smtpConfigured: Boolean(values.SMTP_URL),
    ssoConfigured: Boolean(values.OIDC_ISSUER && values.OIDC_CLIENT_ID && values.OIDC_CLIENT_SECRET),
  };
}

const cache = globalThis as unknown as { __tandemEnv?: Env };

export function env(): Env {
  cache.__tandemEnv ??= parseEnv(process.env);
  return cache.__tandemEnv;
}

/** What a server needs before it may accept requests; throws naming what is missing. */
export function assertRunnable(environment: Env): void {
  if (!environment.demo && !environment.smtpConfigured && !environment.ssoConfigured) {
    throw new EnvError(
      "Nobody could sign in: outside demo mode Tandem needs SMTP_URL (for email sign-in links) " +
        "or OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (for single sign-on). " +
        "Set one of them, or TANDEM_DEMO=1 to run the demo.",
    );
  }
  if (environment.ssoConfigured && !environment.AUTH_URL) {
    throw new EnvError("AUTH_URL is required with single sign-on: the identity provider redirects back to it (https://<your Tandem>/api/auth/callback/sso).");
  }
  if (!environment.demo && !environment.AUTH_URL) {
    throw new EnvError(
      "AUTH_URL is required outside demo mode: it is Tandem's public address (e.g. https://tandem.example.com), " +
        "and every link in an email is built from it, never from the address a request claims to be for.",
    );
  }
  if (environment.databaseKind === "postgres" && !environment.AUTH_SECRET) {
    throw new EnvError("AUTH_SECRET is required with DATABASE_URL (generate one: openssl rand -base64 33).");
  }
}

/** True while `next build` evaluates modules: never open the database then. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

/**
 * True in the bundle `next build` makes for the Node.js server (Next inlines NEXT_RUNTIME
 * there); false when the code runs from source (tests, the benchmark, scripts under tsx).
 */
export function isNextServerBundle(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs";
}

/** The public base URL of Tandem, for links in emails and calendar feeds. */
export function appUrl(): string {
  const environment = env();
  return (environment.AUTH_URL ?? `http://localhost:${environment.PORT}`).replace(/\/$/, "");
}
