import type { Server } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

// A real OpenID Connect provider (the `oidc-provider` package) for the SSO tests, in the test
// process. Its development login form takes any login name from ACCOUNTS (any password); the
// grant is given without a consent screen, as a company's identity provider does for its apps.

export interface IdpAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

export async function startIdentityProvider(options: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, IdpAccount>;
}): Promise<{ issuer: string; close(): Promise<void> }> {
  const issuer = `http://localhost:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Auth.js reads the profile from the ID token.
    conformIdTokenClaims: false,
    cookies: { keys: ["tandem-e2e-identity-provider"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(options.port, () => resolve(s));
  });
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
