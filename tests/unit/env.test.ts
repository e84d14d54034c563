import { describe, expect, it } from "vitest";
import { assertRunnable, EnvError, parseEnv } from "@/server/env";

describe("parseEnv", () => {
  it("defaults to the embedded database in demo mode", () => {
    const e = parseEnv({});
    expect(e.databaseKind).toBe("pglite");
    expect(e.demo).toBe(true);
    expect(e.dataDir).toMatch(/\.data$/);
  });

  it("turns demo mode off by default with DATABASE_URL, and lets TANDEM_DEMO override either way", () => {
    const url = "postgres://u@localhost:5432/tandem";
    expect(parseEnv({ DATABASE_URL: url }).demo).toBe(false);
    expect(parseEnv({ DATABASE_URL: url, TANDEM_DEMO: "1" }).demo).toBe(true);
    expect(parseEnv({ TANDEM_DEMO: "0" }).demo).toBe(false);
    // `next start` always sets NODE_ENV=production; that must not change the mode.
    expect(parseEnv({ NODE_ENV: "production" }).demo).toBe(true);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SMTP_URL: "" }).databaseKind).toBe("pglite");
  });

  it("names each bad variable", () => {
    const bad = (source: Record<string, string>, name: string) => {
      expect(() => parseEnv(source)).toThrow(EnvError);
      expect(() => parseEnv(source)).toThrow(new RegExp(name));
    };
    bad({ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a postgres");
    bad({ TANDEM_DEMO: "yes" }, 'TANDEM_DEMO: must be "0" or "1"');
    bad({ SMTP_URL: "mail.example.com" }, "SMTP_URL: must be an smtp");
    bad({ AUTH_SECRET: "short" }, "AUTH_SECRET: must be at least 32");
    bad({ PORT: "99999" }, "PORT");
  });

  it("requires all three OIDC settings once one is given, naming the missing ones", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_CLIENT_ID: is required[\s\S]*OIDC_CLIENT_SECRET: is required/);
    const e = parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "tandem", OIDC_CLIENT_SECRET: "s3cret" });
    expect(e.ssoConfigured).toBe(true);
  });
});

describe("assertRunnable", () => {
  it("refuses to run outside demo mode unless SMTP or SSO is configured, naming what is missing", () => {
    const e = parseEnv({ TANDEM_DEMO: "0" });
    expect(() => assertRunnable(e)).toThrow(/SMTP_URL[\s\S]*OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => assertRunnable(parseEnv({ TANDEM_DEMO: "0", SMTP_URL: "smtp://localhost:25", AUTH_URL: "https://t.example" }))).not.toThrow();
    expect(() =>
      assertRunnable(
        parseEnv({ TANDEM_DEMO: "0", OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b", AUTH_URL: "https://t.example" }),
      ),
    ).not.toThrow();
    expect(() => assertRunnable(parseEnv({}))).not.toThrow();
  });

  it("requires AUTH_URL outside demo mode and with SSO, naming it: every emailed link is built from it", () => {
    expect(() => assertRunnable(parseEnv({ TANDEM_DEMO: "0", SMTP_URL: "smtp://localhost:25" }))).toThrow(/AUTH_URL is required outside demo mode/);
    expect(() => assertRunnable(parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }))).toThrow(
      /AUTH_URL is required with single sign-on/,
    );
    expect(() => parseEnv({ AUTH_URL: "ftp://t.example" })).toThrow(/AUTH_URL/);
  });

  it("checks TANDEM_TRUSTED_PROXIES: addresses or CIDR ranges", () => {
    expect(parseEnv({ TANDEM_TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.2, ::1" }).TANDEM_TRUSTED_PROXIES).toBe("10.0.0.0/8, 192.168.1.2, ::1");
    expect(() => parseEnv({ TANDEM_TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TANDEM_TRUSTED_PROXIES: "proxy.internal" is not an IP address/);
    expect(() => parseEnv({ TANDEM_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TANDEM_TRUSTED_PROXIES/);
  });

  it("requires AUTH_SECRET with Postgres, where every app server must share it", () => {
    const e = parseEnv({ DATABASE_URL: "postgres://u@localhost/t", SMTP_URL: "smtp://localhost", AUTH_URL: "https://t.example" });
    expect(() => assertRunnable(e)).toThrow(/AUTH_SECRET is required/);
  });
});
