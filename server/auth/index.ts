import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { cookies } from "next/headers";
import { cache } from "react";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens, type SignInMethod } from "@/db/schema";
import { appUrl, env } from "@/server/env";
import { sendMail } from "@/server/mail";
import { signInLinkEmail } from "@/server/mail/sign-in-link";
import { findDemoPersonById, hasSignInPerson } from "@/server/auth/find-sign-in-person";
import { readSession, type CurrentSession } from "@/server/auth/sessions";
import { resolveAuthSecret } from "./secret";
import { SESSION_COOKIE_NAMES } from "./session-cookie";

// Auth.js proves who someone is: an emailed link, the identity provider (OIDC), or in demo mode
// "sign in as". Its own JWT cookie is only a short-lived hand-off ("this browser just proved it
// holds identity X"): /sign-in/continue turns it into one of Tandem's server-side sessions for
// a person the identity holds (server/auth/sessions.ts) and deletes it. Every request
// is then checked against the session table, so signing out ends a session at once.

declare module "next-auth" {
  interface User {
    /** Demo "sign in as": the demo person chosen, by id. */
    demoPersonId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    method?: SignInMethod;
    demoPersonId?: string;
  }
}

export const SIGN_IN_LINK_MINUTES = 15;
/** How long the hand-off from Auth.js to /sign-in/continue (and the organization choice) may take. */
export const HANDOFF_MAX_AGE_SECONDS = 10 * 60;

/** Where every sign-in lands: it turns the proven identity into a session (app/sign-in/continue). */
export function continueUrl(next: string): string {
  return `/sign-in/continue?next=${encodeURIComponent(next)}`;
}

/**
 * The emailed link: Tandem's own page at AUTH_URL (never the request's Host), which asks for a
 * click before the token is spent, so a mail scanner opening it spends nothing
 * (app/sign-in/link). It carries Auth.js's callback parameters unchanged.
 */
export function signInLinkUrl(authJsUrl: string): string {
  const { searchParams } = new URL(authJsUrl);
  const link = new URL(`${appUrl()}/sign-in/link`);
  for (const key of ["token", "email"]) {
    const value = searchParams.get(key);
    if (value !== null) link.searchParams.set(key, value);
  }
  // Auth.js makes the callback absolute with the host it was asked on; only its path is kept,
  // so the link names no host but AUTH_URL's.
  const callback = new URL(searchParams.get("callbackUrl") ?? "/", appUrl());
  link.searchParams.set("callbackUrl", `${callback.pathname}${callback.search}`);
  return link.toString();
}

async function buildConfig(): Promise<NextAuthConfig> {
  const environment = env();
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [];

  if (environment.smtpConfigured || environment.demo) {
    providers.push(
      Nodemailer({
        id: "email",
        name: "Email",
        server: environment.SMTP_URL ?? "smtp://localhost",
        from: environment.EMAIL_FROM,
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        // Only app/sign-in/actions.ts asks for links (the HTTP endpoint is closed in the route),
        // after its rate limits and its check that the address belongs to someone.
        async sendVerificationRequest({ identifier, url }) {
          await sendMail(db, { to: identifier, ...signInLinkEmail(signInLinkUrl(url), SIGN_IN_LINK_MINUTES) });
        },
      }),
    );
  }

  if (environment.OIDC_ISSUER && environment.OIDC_CLIENT_ID && environment.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "sso",
      name: environment.OIDC_NAME,
      type: "oidc",
      issuer: environment.OIDC_ISSUER,
      clientId: environment.OIDC_CLIENT_ID,
      clientSecret: environment.OIDC_CLIENT_SECRET,
      // An SSO sign-in joins the identity that signed in by email link before, by address:
      // safe only because the signIn callback refuses addresses the provider has not verified.
      allowDangerousEmailAccountLinking: true,
      // Addresses are matched lower-cased, as people's are stored and emailed links normalize them.
      profile(profile) {
        const name = [profile.name, profile.preferred_username].find((v): v is string => typeof v === "string");
        return { id: String(profile.sub), name, email: typeof profile.email === "string" ? profile.email.toLowerCase() : null };
      },
    });
  }

  if (environment.demo) {
    providers.push(
      Credentials({
        id: "demo",
        name: "Demo",
        credentials: { personId: {} },
        // A person of a demo organization, chosen by id: never an address looked up across
        // organizations.
        async authorize(credentials) {
          const parsed = z.object({ personId: z.uuid() }).safeParse(credentials);
          if (!parsed.success) return null;
          const person = await findDemoPersonById(db, parsed.data.personId);
          if (!person) return null;
          const [user] = await db
            .insert(users)
            .values({ email: person.email, name: person.name })
            .onConflictDoUpdate({ target: users.email, set: { name: person.name } })
            .returning({ id: users.id });
          return user ? { id: user.id, email: person.email, name: person.name, demoPersonId: person.id } : null;
        },
      }),
    );
  }

  return {
    secret: resolveAuthSecret(environment),
    // Outside demo mode AUTH_URL is required (server/env.ts), and next-auth then builds every
    // URL from it; in demo mode without it, Auth.js's own redirects follow the request's host.
    trustHost: true,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // Auth.js's session is only the hand-off (see the top of this file); the credentials
    // provider of the demo requires the JWT strategy.
    session: { strategy: "jwt", maxAge: HANDOFF_MAX_AGE_SECONDS },
    providers,
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === "sso" && profile?.email_verified !== true) return "/sign-in?error=EmailNotVerified";
        if (account?.provider === "demo") return true;
        // Only addresses of people may sign in; anyone else gets a clear refusal.
        if (!user.email || !(await hasSignInPerson(db, user.email))) return "/sign-in?error=NoAccount";
        return true;
      },
      jwt({ token, user, account }) {
        if (account) {
          token.method = account.provider === "sso" ? "sso" : account.provider === "demo" ? "demo" : "email";
          token.demoPersonId = user?.demoPersonId;
        }
        return token;
      },
    },
  };
}

export const { handlers, signIn } = NextAuth(buildConfig);

/** The name of Tandem's session cookie: `__Host-` over https (Secure, this host only). */
export function sessionCookieName(): string {
  return appUrl().startsWith("https://") ? SESSION_COOKIE_NAMES.secure : SESSION_COOKIE_NAMES.plain;
}

/**
 * The session of this request, checked against the database (one select by the token's hash,
 * which also loads the person's roles), or null; once per request while a page renders (its
 * layout and its procedures both ask).
 */
export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  return readSession(await getDb(), token, { demo: env().demo });
});

/** Sign-in methods this server offers, for the sign-in page. */
export function signInMethods() {
  const environment = env();
  return {
    email: environment.smtpConfigured || environment.demo,
    sso: environment.ssoConfigured ? { name: environment.OIDC_NAME } : null,
    demo: environment.demo,
    outbox: environment.demo && !environment.smtpConfigured,
  };
}
