import { env } from "@/server/env";

/**
 * The Content-Security-Policy for one response. Scripts run only with this request's nonce
 * (Next adds it to its own scripts when it finds the policy on the request), so injected
 * markup cannot run script even if escaping ever failed. Styles allow inline attributes:
 * charts and progress bars position elements with them, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string): string {
  const environment = env();
  const dev = environment.NODE_ENV === "development";
  // Form posts that end in a redirect to the identity provider must be allowed to go there.
  const formTargets = ["'self'", environment.OIDC_ISSUER ? new URL(environment.OIDC_ISSUER).origin : null].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets}`,
    "frame-ancestors 'none'",
  ].join("; ");
}
