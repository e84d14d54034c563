import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

// First-load JavaScript of every page of the production build, gzipped, from the manifests Next
// 16 (Turbopack) writes: the root main files every page loads (build-manifest.json
// `rootMainFiles`; the legacy `polyfillFiles` are nomodule scripts modern browsers skip, so they
// are left out) plus the page's entry chunks (`entryJSFiles` of
// server/app/<page>_client-reference-manifest.js: the root layout, the page, and the
// not-found and global-error boundaries its tree renders). Each file is counted once per page,
// gzipped at level 9 as `next build` used to report. The baseline is `/_not-found`: the root
// layout and nothing else, the barest page the app has.

export const BASELINE_ROUTE = "/_not-found";

export interface FirstLoadJs {
  baselineRoute: string;
  /** Gzipped kB (1 kB = 1000 bytes) per route. */
  routes: Record<string, number>;
  /** kB above the baseline per route. */
  overBaseline: Record<string, number>;
  chunks: Record<string, string[]>;
}

const kb = (bytes: number) => Math.round(bytes / 10) / 100;

export function measureFirstLoadJs(appDir: string): FirstLoadJs {
  const next = path.join(appDir, ".next");
  if (!fs.existsSync(path.join(next, "BUILD_ID"))) throw new Error(`no production build in ${next}: run \`npm run build\` there first`);
  const buildManifest = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const routesManifest = JSON.parse(fs.readFileSync(path.join(next, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;

  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = zlib.gzipSync(fs.readFileSync(path.join(next, file)), { level: 9 }).length;
      gzipped.set(file, size);
    }
    return size;
  };

  const routes: Record<string, number> = {};
  const chunks: Record<string, string[]> = {};
  for (const [entry, route] of Object.entries(routesManifest)) {
    if (!entry.endsWith("/page")) continue;
    const manifestFile = path.join(next, "server", "app", `${entry}_client-reference-manifest.js`);
    if (!fs.existsSync(manifestFile)) continue;
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[entry]; run it in a
    // context of its own and read what it assigned.
    const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
    vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox, { filename: manifestFile });
    const manifest = sandbox.__RSC_MANIFEST?.[entry.replace(/^\/\(app\)/, "")] ?? Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
    if (!manifest?.entryJSFiles) throw new Error(`${manifestFile} has no entryJSFiles: has the build format changed?`);
    const files = [...new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()])].sort();
    chunks[route] = files;
    routes[route] = kb(files.reduce((sum, f) => sum + sizeOf(f), 0));
  }
  const baseline = routes[BASELINE_ROUTE];
  if (baseline === undefined) throw new Error(`the build has no ${BASELINE_ROUTE} page to compare with`);
  const overBaseline = Object.fromEntries(Object.entries(routes).map(([r, size]) => [r, Math.round((size - baseline) * 100) / 100]));
  return { baselineRoute: BASELINE_ROUTE, routes, overBaseline, chunks };
}
