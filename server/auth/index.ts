import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { z } from "zod";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/server/env";
import { sendMail } from "@/server/mail";
import { signInLinkEmail } from "@/server/mail/templates";
import { findDemoPerson, findSignInPerson } from "@/server/services/auth/find-sign-in-person";
import { clientIp, hitRateLimit, SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from "./rate-limit";
import { resolveAuthSecret } from "./secret";
import { sessionPersonId, usesSecureCookies } from "./session-cookie";

declare module "next-auth" {
  interface Session {
    personId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    personId?: string;
  }
}

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

async function buildConfig(): Promise<NextAuthConfig> {
  const e = env();
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [];

  if (e.smtpConfigured || e.demo) {
    providers.push(
      Nodemailer({
        id: "email",
        name: "Email",
        server: e.SMTP_URL ?? "smtp://localhost",
        from: e.EMAIL_FROM,
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        async sendVerificationRequest({ identifier, url, request }) {
          // Every request counts, known address or not, so the limits cannot be used to probe.
          const [perEmail, perIp] = await Promise.all([
            hitRateLimit(db, `sign-in:email:${identifier}`, SIGN_IN_PER_EMAIL),
            hitRateLimit(db, `sign-in:ip:${clientIp(request.headers)}`, SIGN_IN_PER_IP),
          ]);
          if (!perEmail.allowed || !perIp.allowed) {
            console.warn(`[tandem] sign-in link not sent: rate limit reached (${perEmail.allowed ? "ip" : "email"})`);
            return;
          }
          // Unknown addresses get the same answer as known ones but no email: no account probing.
          if (!(await findSignInPerson(db, identifier))) return;
          await sendMail(db, { to: identifier, ...signInLinkEmail(url, SIGN_IN_LINK_MINUTES) });
        },
      }),
    );
  }

  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "sso",
      name: e.OIDC_NAME,
      type: "oidc",
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      // The organization's identity provider vouches for the address, so an SSO sign-in may
      // join the identity that earlier signed in by email link.
      allowDangerousEmailAccountLinking: true,
    });
  }

  if (e.demo) {
    providers.push(
      Credentials({
        id: "demo",
        name: "Demo",
        credentials: { email: {} },
        async authorize(credentials) {
          const parsed = z.object({ email: z.email().max(320) }).safeParse(credentials);
          if (!parsed.success) return null;
          const person = await findDemoPerson(db, parsed.data.email);
          if (!person) return null;
          const [user] = await db
            .insert(users)
            .values({ email: person.email, name: person.name })
            .onConflictDoUpdate({ target: users.email, set: { name: person.name } })
            .returning({ id: users.id });
          return user ? { id: user.id, email: person.email, name: person.name } : null;
        },
      }),
    );
  }

  return {
    secret: resolveAuthSecret(e),
    trustHost: true,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // JWT sessions: required by the demo's credentials sign-in, and they need no database
    // round trip per request. Expiry is enforced by maxAge; the person is re-checked on every
    // tRPC call (server/access/actor.ts), so a deactivated person loses access at once.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    providers,
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    callbacks: {
      async signIn({ user, email }) {
        if (email?.verificationRequest) return true;
        // Only people of an organization may sign in; anyone else gets a clear refusal.
        if (!user.email || !(await findSignInPerson(db, user.email))) return "/sign-in?error=NoAccount";
        return true;
      },
      async jwt({ token, user }) {
        if (user?.email) {
          const person = await findSignInPerson(db, user.email);
          token.personId = person?.id;
        }
        return token;
      },
      session({ session, token }) {
        session.personId = token.personId;
        return session;
      },
    },
  };
}

export const { handlers, signIn, signOut } = NextAuth(buildConfig);

/**
 * The signed-in person's id, or null; once per request while a page renders (its layout and its
 * procedures both ask). It decrypts the session cookie as Auth.js's `auth()` does (the same
 * cookie, secret, salt and expiry check) but skips the rest of what `auth()` runs for a server
 * component: building the Auth.js configuration, a CSRF token, and a renewed session cookie that
 * a server component cannot set anyway. That was about a sixth of the CPU of a tRPC call.
 */
export const currentPersonId = cache(async (): Promise<string | null> => {
  const h = await headers();
  const e = env();
  return sessionPersonId(h.get("cookie"), resolveAuthSecret(e), usesSecureCookies(e.AUTH_URL, h));
});

/** Sign-in methods this server offers, for the sign-in page. */
export function signInMethods() {
  const e = env();
  return {
    email: e.smtpConfigured || e.demo,
    sso: e.ssoConfigured ? { name: e.OIDC_NAME } : null,
    demo: e.demo,
    outbox: e.demo && !e.smtpConfigured,
  };
}
