import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionPersonId, usesSecureCookies } from "@/server/auth/session-cookie";

// The session cookie as Auth.js writes it at sign-in: a JWT encrypted with AUTH_SECRET and
// salted with the cookie's own name (authjs.session-token over http, __Secure- over https).
const SECRET = "a-secret-of-at-least-thirty-two-characters";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

async function cookie(name: string, claims: Record<string, unknown>, opts: { secret?: string; maxAge?: number; salt?: string } = {}) {
  const token = await encode({ token: { sub: "user-1", email: "ada@example.com", ...claims }, secret: opts.secret ?? SECRET, salt: opts.salt ?? name, maxAge: opts.maxAge });
  return `theme=dark; ${name}=${token}; other=1`;
}

describe("sessionPersonId", () => {
  it("reads the person of a session cookie set over http or https", async () => {
    expect(await sessionPersonId(await cookie(PLAIN, { personId: "p-1" }), SECRET, false)).toBe("p-1");
    expect(await sessionPersonId(await cookie(SECURE, { personId: "p-2" }), SECRET, true)).toBe("p-2");
  });

  it("is signed out without a cookie, or with a session of no person", async () => {
    expect(await sessionPersonId(null, SECRET, false)).toBeNull();
    expect(await sessionPersonId("theme=dark", SECRET, false)).toBeNull();
    expect(await sessionPersonId(await cookie(PLAIN, {}), SECRET, false)).toBeNull();
  });

  it("ignores the cookie under the other name: over https only the __Secure- cookie counts", async () => {
    expect(await sessionPersonId(await cookie(PLAIN, { personId: "p-1" }), SECRET, true)).toBeNull();
    expect(await sessionPersonId(await cookie(SECURE, { personId: "p-1" }), SECRET, false)).toBeNull();
  });

  it("refuses a cookie encrypted with another secret or salt, tampered with, or expired", async () => {
    expect(await sessionPersonId(await cookie(PLAIN, { personId: "p-1" }, { secret: "another-secret-of-thirty-two-characters!" }), SECRET, false)).toBeNull();
    // A cookie minted for the https name and replayed under the http one.
    expect(await sessionPersonId(await cookie(PLAIN, { personId: "p-1" }, { salt: SECURE }), SECRET, false)).toBeNull();
    const valid = await cookie(PLAIN, { personId: "p-1" });
    const tampered = valid.replace(/(authjs\.session-token=[^.]*\.[^.]*\.)(.)/, (_, head: string, c: string) => head + (c === "A" ? "B" : "A"));
    expect(tampered).not.toBe(valid);
    expect(await sessionPersonId(tampered, SECRET, false)).toBeNull();
    // Expired a minute ago (beyond the 15 s of clock tolerance).
    expect(await sessionPersonId(await cookie(PLAIN, { personId: "p-1" }, { maxAge: -60 }), SECRET, false)).toBeNull();
  });
});

describe("usesSecureCookies", () => {
  it("follows AUTH_URL when it is set, whatever the proxy says", () => {
    expect(usesSecureCookies("https://tandem.example.com", new Headers({ "x-forwarded-proto": "http" }))).toBe(true);
    expect(usesSecureCookies("http://localhost:3000", new Headers({ "x-forwarded-proto": "https" }))).toBe(false);
  });

  it("else follows x-forwarded-proto (its first value), and assumes https without it, as Auth.js does", () => {
    expect(usesSecureCookies(undefined, new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(usesSecureCookies(undefined, new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(usesSecureCookies(undefined, new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(usesSecureCookies(undefined, new Headers())).toBe(true);
  });
});
