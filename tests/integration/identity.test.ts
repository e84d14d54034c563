import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appSessions, organizations, outboxEmails, people, rateLimits, verificationTokens } from "@/db/schema";
import { clientAddress, parseTrustedProxies, PEER_HEADER } from "@/server/auth/client-address";
import { continueSignIn } from "@/server/auth/sign-in-flow";
import { listOutbox } from "@/server/mail/outbox";
import { findDemoPersonById } from "@/server/auth/find-sign-in-person";
import { requestSignInLinkAllowed } from "@/server/auth/request-sign-in-link";
import { endAllSessions, endSession, readSession, SESSION_IDLE_DAYS } from "@/server/auth/sessions";
import { assertDemoDatabase } from "@/server/startup";
import { createTestDb, type TestDb } from "../support/db";
import { callerFor, createOrg, createPerson, identityFor } from "../support/factories";

// Issue 16, "Accounts nobody else can take": each finding as the attack that used to get in,
// now refused. The browser-level attacks (Host header, mail scanners, spoofed X-Forwarded-For,
// SSO) are in tests/e2e/identity.spec.ts.

let t: TestDb;
beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  t = await createTestDb();
});
afterAll(() => t.close());

const VICTIM = "victim@real.example";

async function realAndDemoOrgs() {
  const real = await createOrg(t.db, "Real Co");
  const victim = await createPerson(t.db, real.id, { name: "Vera Victim", email: VICTIM, roles: ["owner"] });
  const demo = await createOrg(t.db, "Demo Co");
  await t.db.update(organizations).set({ isDemo: true }).where(eq(organizations.id, demo.id));
  const demoHr = await createPerson(t.db, demo.id, { name: "Demo HR", roles: ["hr_admin"] });
  return { real, victim, demo, demoHr };
}

/** A session the way /sign-in/continue makes one, for a hand-off Auth.js would have made. */
async function signInThrough(handoff: Parameters<typeof continueSignIn>[1], chosen?: string) {
  const result = await continueSignIn(t.db, handoff, chosen);
  if (result.kind !== "session") return { result, session: null };
  return { result, session: await readSession(t.db, result.token, { demo: handoff.method === "demo" }) };
}

function callerOf(session: NonNullable<Awaited<ReturnType<typeof readSession>>>) {
  return callerFor(t.db, session.actor.personId, { id: session.id, userId: session.userId, method: session.method });
}

describe("finding 1: demo sign-in reached a real organization's person", () => {
  it("an address a demo HR admin imports into the demo signs in as the demo person only, and cannot switch to the real one", async () => {
    const { real, victim, demo, demoHr } = await realAndDemoOrgs();
    // The attack: the demo's HR admin imports a row with the victim's address …
    const hr = callerFor(t.db, demoHr.id);
    const csv = `email,name\n${VICTIM},Imported Victim`;
    const { hash } = await hr.peopleImport.preview({ csv });
    await hr.peopleImport.confirm({ csv, expectedHash: hash! });
    const [imported] = await t.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, demo.id), eq(people.email, VICTIM)));
    // … and signs in as that row with the demo's "sign in as" (Auth.js's credentials: by id).
    const demoPerson = await findDemoPersonById(t.db, imported!.id);
    expect(demoPerson?.orgId).toBe(demo.id);
    expect(await findDemoPersonById(t.db, victim.id), "the real person is no demo person").toBeNull();
    const userId = await identityFor(t.db, VICTIM);
    const { session } = await signInThrough({ userId, method: "demo", demoPersonId: imported!.id });
    expect(session?.actor).toMatchObject({ orgId: demo.id, personId: imported!.id });

    // Not the victim's person, not now and not by switching.
    const caller = callerOf(session!);
    expect((await caller.session.organizations()).map((o) => o.personId)).toEqual([imported!.id]);
    await expect(caller.session.switchOrganization({ personId: victim.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.me.shell()).org.id).toBe(demo.id);
    // Even a demo hand-off naming the real person by id gets nothing.
    expect((await signInThrough({ userId, method: "demo", demoPersonId: victim.id })).result.kind).toBe("noAccount");
    expect(real.id).not.toBe(demo.id);
  });

  it("a demo server refuses to start on a database holding a real organization, saying why", async () => {
    await expect(assertDemoDatabase(t.db)).rejects.toThrow(/TANDEM_DEMO=1 on a database that holds a real organization \("Real Co"\)/);
  });

  it("a non-demo server accepts no session minted by demo sign-in", async () => {
    const [demoPerson] = await t.db
      .select()
      .from(people)
      .innerJoin(organizations, eq(organizations.id, people.orgId))
      .where(eq(organizations.isDemo, true))
      .limit(1);
    const userId = await identityFor(t.db, demoPerson!.people.email);
    const { result } = await signInThrough({ userId, method: "demo", demoPersonId: demoPerson!.people.id });
    if (result.kind !== "session") throw new Error("no demo session");
    expect(await readSession(t.db, result.token, { demo: true })).not.toBeNull();
    expect(await readSession(t.db, result.token, { demo: false })).toBeNull();
  });

  it("the outbox lists mail to demo people only", async () => {
    const [real] = await t.db.select().from(organizations).where(eq(organizations.name, "Real Co"));
    const realOnly = await createPerson(t.db, real!.id, { name: "Rhea Real" });
    await t.db.insert(outboxEmails).values([
      { to: realOnly.email, subject: "to the real org's address", text: "secret link" },
      { to: "nobody@nowhere.example", subject: "to nobody", text: "x" },
    ]);
    const demoHr = (await t.db.select().from(people).where(eq(people.name, "Demo HR")))[0]!;
    await t.db.insert(outboxEmails).values({ to: demoHr.email, subject: "to a demo person", text: "ok" });
    const subjects = (await listOutbox(t.db)).map((m) => m.subject);
    expect(subjects).toContain("to a demo person");
    expect(subjects).not.toContain("to the real org's address");
    expect(subjects).not.toContain("to nobody");
  });
});

describe("finding 3: the org that created an address first owned its sign-in", () => {
  it("an identity holding people in two organizations chooses one; the session names only that one", async () => {
    const first = await createOrg(t.db, "First Org");
    const second = await createOrg(t.db, "Second Org");
    const email = "shared@both.example";
    const inFirst = await createPerson(t.db, first.id, { name: "Sam First", email });
    const userId = await identityFor(t.db, email);
    const before = await signInThrough({ userId, method: "email" });
    expect(before.session?.actor.personId).toBe(inFirst.id);

    // Another organization creating a person with the address changes nothing it had …
    const inSecond = await createPerson(t.db, second.id, { name: "Sam Second", email });
    expect((await readSession(t.db, before.result.kind === "session" ? before.result.token : "", { demo: false }))?.actor.personId).toBe(inFirst.id);
    // … and the next sign-in asks which; the second org's person is reached only by choosing it.
    const { result } = await signInThrough({ userId, method: "email" });
    expect(result.kind).toBe("choose");
    const chosen = await signInThrough({ userId, method: "email" }, inSecond.id);
    expect(chosen.session?.actor).toMatchObject({ orgId: second.id, personId: inSecond.id });
    expect(chosen.session?.organizationCount).toBe(2);

    // Switching within the identity works; a stranger's person is not found.
    const caller = callerOf(chosen.session!);
    const stranger = await createPerson(t.db, first.id, { name: "Stranger" });
    await expect(caller.session.switchOrganization({ personId: stranger.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await caller.session.switchOrganization({ personId: inFirst.id })).toEqual({ orgName: "First Org" });
    expect((await readSession(t.db, chosen.result.kind === "session" ? chosen.result.token : "", { demo: false }))?.actor.personId).toBe(inFirst.id);
  });

  it("every request re-checks that the person is active and still holds the identity's address", async () => {
    const org = await createOrg(t.db, "Recheck Org");
    const person = await createPerson(t.db, org.id, { name: "Rita Recheck", email: "rita@recheck.example" });
    const userId = await identityFor(t.db, person.email);
    const { result } = await signInThrough({ userId, method: "email" });
    if (result.kind !== "session") throw new Error("no session");
    expect(await readSession(t.db, result.token, { demo: false })).not.toBeNull();
    await t.db.update(people).set({ email: "rita.new@recheck.example" }).where(eq(people.id, person.id));
    expect(await readSession(t.db, result.token, { demo: false }), "HR changed her address: the old identity no longer reaches her").toBeNull();
    await t.db.update(people).set({ email: person.email, deactivatedAt: new Date() }).where(eq(people.id, person.id));
    expect(await readSession(t.db, result.token, { demo: false }), "deactivated").toBeNull();
  });
});

describe("finding 4: sessions that end", () => {
  async function freshSession() {
    const org = await createOrg(t.db, "Session Org");
    const person = await createPerson(t.db, org.id, { name: "Sue Session" });
    const userId = await identityFor(t.db, person.email);
    const { result } = await signInThrough({ userId, method: "email" });
    if (result.kind !== "session") throw new Error("no session");
    return { org, person, userId, token: result.token };
  }

  it("signing out ends the session at once: the same cookie is refused on the next request", async () => {
    const { token } = await freshSession();
    expect(await readSession(t.db, token, { demo: false })).not.toBeNull();
    await endSession(t.db, token);
    expect(await readSession(t.db, token, { demo: false })).toBeNull();
  });

  it("slides: renewed once it is older than a day, and ends after 30 days without use", async () => {
    const { token } = await freshSession();
    const row = async () =>
      (
        await t.db
          .select()
          .from(appSessions)
          .where(eq(appSessions.tokenHash, (await import("@/server/auth/sessions")).hashSessionToken(token)))
      )[0]!;
    const made = await row();
    // Used within the day: nothing written.
    await readSession(t.db, token, { demo: false });
    expect((await row()).expiresAt.getTime()).toBe(made.expiresAt.getTime());
    // Last renewed 29 days ago, still valid: using it moves the expiry 30 days from now.
    await t.db
      .update(appSessions)
      .set({ renewedAt: sql`now() - interval '29 days'`, expiresAt: sql`now() + interval '1 day'` })
      .where(eq(appSessions.id, made.id));
    expect(await readSession(t.db, token, { demo: false })).not.toBeNull();
    const renewed = await row();
    expect(renewed.expiresAt.getTime() - Date.now()).toBeGreaterThan((SESSION_IDLE_DAYS - 1) * 86_400_000);
    // Unused for 30 days: gone.
    await t.db
      .update(appSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(appSessions.id, made.id));
    expect(await readSession(t.db, token, { demo: false })).toBeNull();
  });

  it("endAllSessions ends every session of one person (what deactivation calls), and no one else's", async () => {
    const a = await freshSession();
    const secondDevice = await signInThrough({ userId: a.userId, method: "email" });
    const other = await freshSession();
    expect(await endAllSessions(t.db, { orgId: a.org.id, personId: a.person.id })).toBe(2);
    expect(await readSession(t.db, a.token, { demo: false })).toBeNull();
    expect(await readSession(t.db, secondDevice.result.kind === "session" ? secondDevice.result.token : "", { demo: false })).toBeNull();
    expect(await readSession(t.db, other.token, { demo: false })).not.toBeNull();
    // The org is part of the key: another org's id ends nothing.
    expect(await endAllSessions(t.db, { orgId: other.org.id, personId: a.person.id })).toBe(0);
  });

  it("sign out everywhere ends every session of the identity, and only of it", async () => {
    const a = await freshSession();
    const laptop = await signInThrough({ userId: a.userId, method: "email" });
    const other = await freshSession();
    const session = (await readSession(t.db, a.token, { demo: false }))!;
    expect(await callerOf(session).session.signOutEverywhere()).toEqual({ ended: 2 });
    expect(laptop.session && (await readSession(t.db, laptop.result.kind === "session" ? laptop.result.token : "", { demo: false }))).toBeNull();
    expect(await readSession(t.db, other.token, { demo: false })).not.toBeNull();
  });

  it("a caller without a session cannot switch or sign out everywhere", async () => {
    const { person } = await freshSession();
    await expect(callerFor(t.db, person.id).session.signOutEverywhere()).rejects.toBeInstanceOf(TRPCError);
  });
});

describe("finding 5: sign-in link abuse", () => {
  async function known() {
    const org = await createOrg(t.db, "Limits Org");
    return createPerson(t.db, org.id, { name: "Lina Limits" });
  }
  const rowsFor = async (fragment: string) => (await t.db.select().from(rateLimits)).filter((r) => r.key.includes(fragment));

  it("nothing is stored for an unknown address, and the answer is the same", async () => {
    const decision = await requestSignInLinkAllowed(t.db, { email: "Nobody@Unknown.example", clientAddress: "198.51.100.7" });
    expect(decision).toEqual({ kind: "silent" });
    expect(await rowsFor("nobody@unknown.example")).toEqual([]);
    expect(await t.db.select().from(verificationTokens).where(eq(verificationTokens.identifier, "nobody@unknown.example"))).toEqual([]);
  });

  it("someone asking for another person's links from their own address cannot lock that person out", async () => {
    const victim = await known();
    for (let i = 0; i < 5; i++) expect((await requestSignInLinkAllowed(t.db, { email: victim.email, clientAddress: "203.0.113.66" })).kind).toBe("send");
    expect((await requestSignInLinkAllowed(t.db, { email: victim.email, clientAddress: "203.0.113.66" })).kind, "the attacker's own allowance is spent").toBe(
      "silent",
    );
    expect(await requestSignInLinkAllowed(t.db, { email: victim.email, clientAddress: "192.0.2.10" }), "the person, from their own address").toEqual({
      kind: "send",
      email: victim.email,
    });
  });

  it("per client address: 20 requests in 15 minutes, then a message that says nothing about the address", async () => {
    for (let i = 0; i < 20; i++) await requestSignInLinkAllowed(t.db, { email: `probe${i}@unknown.example`, clientAddress: "198.51.100.99" });
    const decision = await requestSignInLinkAllowed(t.db, { email: "probe-next@unknown.example", clientAddress: "198.51.100.99" });
    expect(decision.kind).toBe("tooMany");
  });

  it("the client address is the TCP peer's; X-Forwarded-For counts only behind a proxy named in TANDEM_TRUSTED_PROXIES", () => {
    const headers = (peer: string, xff?: string) => new Headers({ [PEER_HEADER]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) });
    const none = parseTrustedProxies(undefined);
    expect(clientAddress(headers("203.0.113.5", "1.2.3.4"), none), "a client's own X-Forwarded-For is ignored").toBe("203.0.113.5");
    expect(clientAddress(headers("::ffff:203.0.113.5"), none)).toBe("203.0.113.5");
    const proxy = parseTrustedProxies("10.0.0.0/8, 192.168.1.2");
    // The proxy appends the address it saw; anything the client sent sits to its left.
    expect(clientAddress(headers("10.1.2.3", "1.2.3.4, 198.51.100.20"), proxy)).toBe("198.51.100.20");
    expect(clientAddress(headers("192.168.1.2", "1.2.3.4, 198.51.100.20, 10.0.0.9"), proxy)).toBe("198.51.100.20");
    expect(clientAddress(headers("203.0.113.5", "1.2.3.4"), proxy), "not through the proxy: the peer").toBe("203.0.113.5");
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/TANDEM_TRUSTED_PROXIES/);
  });
});
