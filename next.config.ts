import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its own package directory;
  // bundling it breaks those paths (STACK.md, PGlite pitfall 1).
  serverExternalPackages: ["@electric-sql/pglite", "@touch4it/ical-timezones"],
  poweredByHeader: false,
  // Server actions read at most 1 MB, counted as the body arrives (proxy.ts already refuses a
  // larger announced Content-Length, and a foreign Origin: issue 17, docs/deploy.md).
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  // The build checks the app's own types; tests are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Sign-in links carry a token in the URL: never send it on to another site.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          // Browsers ignore this over plain http (localhost), and keep to https once they saw it.
          { key: "Strict-Transport-Security", value: "max-age=63072000" },
        ],
      },
      {
        // API routes other than Auth.js's answer JSON or calendar files, never a page: nothing
        // in them may load or run anything (proxy.ts gives pages their policy with a nonce).
        source: "/api/((?!auth/).*)",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
    ];
  },
};

export default nextConfig;
