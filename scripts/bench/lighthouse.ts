import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { CHROMIUM, CHROMIUM_ARGS } from "@/tests/e2e/support/servers";

// Lighthouse (its default mobile profile: emulated phone, simulated slow 4G and CPU slowdown)
// on Debian's Chromium, headless. Signed-in pages get the session cookie on every request
// through extraHeaders. Chromium is started here rather than through chrome-launcher, with the
// flags that keep it off the network (STACK.md).

const FLAGS = ["--headless=new", ...CHROMIUM_ARGS, "--disable-dev-shm-usage"];

export interface LighthousePage {
  name: string;
  url: string;
  cookie?: string;
}

export interface LighthouseResult {
  url: string;
  performance: number | null;
  accessibility: number | null;
  firstContentfulPaintMs: number | null;
  largestContentfulPaintMs: number | null;
  totalBlockingTimeMs: number | null;
  cumulativeLayoutShift: number | null;
  /** Bytes over the wire of the page's scripts (gzipped as served), in kB. */
  scriptTransferKb: number | null;
  serverResponseMs: number | null;
  failedAudits: string[];
  error?: string;
  /** Every run's performance score, in order; the other fields are the median run's. */
  performanceRuns?: (number | null)[];
}

async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-chromium-"));
  const child = spawn(CHROMIUM, [...FLAGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err.slice(-500)}`)), 30_000);
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-500)}`)));
  });
  return {
    port,
    async stop() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Each page `runs` times in one Chromium, keeping the run with the median performance score (as
 * Lighthouse's own guidance on variability advises: one run on a shared 2-core machine moves by
 * ten points). `performanceRuns` lists every run's score (null: the run failed).
 */
export async function runLighthouse(pages: readonly LighthousePage[], log: (m: string) => void, runs = 5): Promise<Record<string, LighthouseResult>> {
  const chromium = await startChromium();
  const out: Record<string, LighthouseResult> = {};
  try {
    for (const page of pages) {
      const all: LighthouseResult[] = [];
      for (let i = 0; i < runs; i++) all.push(await runOnce(chromium.port, page));
      // The median of the runs that measured the page (the lower of the two middle ones for an
      // even count); a run Lighthouse itself failed (no navigation seen) is left out, unless
      // most runs failed: then the page is reported as failed.
      const measured = all.filter((r) => r.performance !== null).sort((a, b) => a.performance! - b.performance!);
      const median = measured.length * 2 > all.length ? measured[Math.floor((measured.length - 1) / 2)]! : all.find((r) => r.performance === null)!;
      out[page.name] = { ...median, performanceRuns: all.map((r) => r.performance) };
      const r = out[page.name]!;
      log(r.error ? `${page.name}: Lighthouse failed: ${r.error}` : `${page.name}: performance ${r.performance} (runs: ${r.performanceRuns!.join(", ")}), accessibility ${r.accessibility}`);
    }
  } finally {
    await chromium.stop();
  }
  return out;
}

async function runOnce(port: number, page: LighthousePage): Promise<LighthouseResult> {
  try {
    const result = await lighthouse(page.url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
      maxWaitForLoad: 90_000,
    });
    if (!result) throw new Error("Lighthouse returned nothing");
    const lhr = result.lhr;
    const numeric = (id: string) => {
      const v = lhr.audits[id]?.numericValue;
      return typeof v === "number" ? Math.round(v * 1000) / 1000 : null;
    };
    const requests = (lhr.audits["network-requests"]?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
    const scriptBytes = requests.filter((r) => r.resourceType === "Script").reduce((s, r) => s + (r.transferSize ?? 0), 0);
    const score = (c: string) => {
      const s = lhr.categories[c]?.score;
      return typeof s === "number" ? Math.round(s * 100) : null;
    };
    return {
      url: page.url,
      performance: score("performance"),
      accessibility: score("accessibility"),
      firstContentfulPaintMs: numeric("first-contentful-paint"),
      largestContentfulPaintMs: numeric("largest-contentful-paint"),
      totalBlockingTimeMs: numeric("total-blocking-time"),
      cumulativeLayoutShift: numeric("cumulative-layout-shift"),
      scriptTransferKb: Math.round(scriptBytes / 10) / 100,
      serverResponseMs: numeric("server-response-time"),
      failedAudits: Object.values(lhr.audits)
        .filter((a) => typeof a.score === "number" && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
        .map((a) => a.id),
      error: lhr.runtimeError?.message,
    };
  } catch (err) {
    return {
      url: page.url,
      performance: null,
      accessibility: null,
      firstContentfulPaintMs: null,
      largestContentfulPaintMs: null,
      totalBlockingTimeMs: null,
      cumulativeLayoutShift: null,
      scriptTransferKb: null,
      serverResponseMs: null,
      failedAudits: [],
      error: err instanceof Error ? err.message : String(err),
    };
  }
}
