import { afterEach, describe, expect, it } from "vitest";
import { env, parseEnv, type Env } from "@/server/env";
import { isSameOrigin, publicOrigin } from "@/server/security/origin";

// The Origin check every tRPC mutation and server action passes (server/security/origin.ts).

const cache = globalThis as unknown as { __tandemEnv?: Env };
const original = cache.__tandemEnv;
afterEach(() => {
  cache.__tandemEnv = original;
});

const h = (headers: Record<string, string>) => new Headers(headers);

describe("isSameOrigin", () => {
  it("without AUTH_URL: the Origin's host must be the one the request was sent to", () => {
    cache.__tandemEnv = parseEnv({});
    expect(env().AUTH_URL).toBeUndefined();
    expect(isSameOrigin(h({ host: "localhost:3100", origin: "http://localhost:3100" }))).toBe(true);
    // A sibling origin: same site (cookies go along), another port or subdomain.
    expect(isSameOrigin(h({ host: "localhost:3100", origin: "http://localhost:3199" }))).toBe(false);
    expect(isSameOrigin(h({ host: "tandem.example.com", origin: "https://wiki.example.com" }))).toBe(false);
    expect(isSameOrigin(h({ host: "tandem.example.com", origin: "https://tandem.example.com.evil.test" }))).toBe(false);
    // The host a proxy forwarded.
    expect(isSameOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "tandem.example.com", origin: "https://tandem.example.com" }))).toBe(true);
    // No Origin, or the opaque "null" of sandboxed frames and some redirects: refused.
    expect(isSameOrigin(h({ host: "localhost:3100" }))).toBe(false);
    expect(isSameOrigin(h({ host: "localhost:3100", origin: "null" }))).toBe(false);
    expect(isSameOrigin(h({ origin: "http://localhost:3100" }))).toBe(false);
  });

  it("with AUTH_URL: exactly its origin, whatever the Host says", () => {
    cache.__tandemEnv = parseEnv({ AUTH_URL: "https://tandem.example.com/" });
    expect(isSameOrigin(h({ host: "10.0.0.5:3000", origin: "https://tandem.example.com" }))).toBe(true);
    expect(isSameOrigin(h({ host: "10.0.0.5:3000", origin: "http://tandem.example.com" }))).toBe(false);
    expect(isSameOrigin(h({ host: "evil.test", origin: "https://evil.test" }))).toBe(false);
  });
});

describe("publicOrigin (the calendar feed's address and the links in .ics files)", () => {
  it("without AUTH_URL: the address the request was sent to, so a colleague at the network address gets links that work", () => {
    cache.__tandemEnv = parseEnv({ PORT: "3000" });
    expect(publicOrigin(h({ host: "192.168.1.20:3000" }), "http://192.168.1.20:3000/one-on-ones")).toBe("http://192.168.1.20:3000");
    expect(publicOrigin(h({ host: "localhost:3000" }))).toBe("http://localhost:3000");
    // Behind a proxy that ends TLS.
    expect(publicOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "Tandem.Example.com", "x-forwarded-proto": "https" }))).toBe(
      "https://tandem.example.com",
    );
    expect(publicOrigin(h({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
    // A Host that is not a host name can't make a link: the configured default instead.
    expect(publicOrigin(h({ host: "evil.test/phish?x=" }))).toBe("http://localhost:3000");
    expect(publicOrigin(h({ host: "a b" }))).toBe("http://localhost:3000");
    expect(publicOrigin(h({}))).toBe("http://localhost:3000");
    expect(publicOrigin(h({ host: "localhost:3000", "x-forwarded-proto": "gopher" }))).toBe("http://localhost:3000");
  });

  it("with AUTH_URL: always its origin, whatever the request says", () => {
    cache.__tandemEnv = parseEnv({ AUTH_URL: "https://tandem.example.com/" });
    expect(publicOrigin(h({ host: "192.168.1.20:3000" }), "http://192.168.1.20:3000/")).toBe("https://tandem.example.com");
    expect(publicOrigin(h({ host: "evil.test", "x-forwarded-host": "evil.test" }))).toBe("https://tandem.example.com");
  });
});
