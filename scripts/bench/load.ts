import autocannon from "autocannon";
import { percentile } from "./stats";

// HTTP load with autocannon, spread over every server given (one autocannon instance per
// server, the connections split between them, all at once). Each connection is one signed-in
// person with their own session cookie and their own requests, so nothing is served from a
// per-person cache that other connections warmed. Latency percentiles are computed from every
// response of every instance, not averaged across instances.

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadScenario {
  name: string;
  /** The requests one connection sends, in a loop; `i` is the connection's number; "" for no cookie. */
  requestsFor(i: number): { cookie: string; requests: LoadRequest[] };
  /** The status every answer must have; by default any 2xx. */
  status?: number;
  /** Connections, where the scenario has fewer people to act as than the run's connections. */
  connections?: number;
  /** Seconds before a request counts as timed out (default 10). */
  timeoutS?: number;
}

export interface LoadResult {
  name: string;
  servers: string[];
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts and answers of another status than the scenario's (any non-2xx by default) together; the benchmark fails on any. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** CPU time per response, in ms: the app servers' and Postgres's (the benchmark's own is not counted). */
  cpuMsPerRequest?: { app: number; postgres: number };
}

export async function runLoad(scenario: LoadScenario, servers: readonly string[], connections: number, durationS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let next = 0;
  const instances = servers.map((url, s) => {
    const share = Math.floor(connections / servers.length) + (s < connections % servers.length ? 1 : 0);
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections: share,
          duration: durationS,
          timeout: scenario.timeoutS ?? 10,
          setupClient(client) {
            const { cookie, requests } = scenario.requestsFor(next++);
            client.setRequests(
              requests.map((r) => ({
                method: r.method,
                path: r.path,
                body: r.body,
                // A POST carries the app's own Origin, as the browser sends it (server/security/origin.ts).
                headers: { ...(cookie ? { cookie } : {}), ...(r.body ? { "content-type": "application/json", origin: new URL(url).origin } : {}), ...r.headers },
              })),
            );
          },
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      });
    });
  });
  const results = await Promise.all(instances);
  const sum = (f: (r: autocannon.Result) => number) => results.reduce((s, r) => s + f(r), 0);
  const timeouts = sum((r) => r.timeouts);
  const non2xx = sum((r) => r.non2xx);
  const unexpected = scenario.status === undefined ? non2xx : Object.entries(statusCodes).reduce((n, [code, count]) => (Number(code) === scenario.status ? n : n + count), 0);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    name: scenario.name,
    servers: [...servers],
    connections,
    durationS,
    requests: latencies.length,
    rps: round(latencies.length / durationS),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(Math.max(0, ...latencies)),
    errors: sum((r) => r.errors) + unexpected,
    timeouts,
    non2xx,
    statusCodes,
  };
}

/** One request of each kind a scenario sends, with fetch, so a mistake shows its answer. */
export async function preflight(scenario: LoadScenario, servers: readonly string[]): Promise<void> {
  for (const [s, url] of servers.entries()) {
    const { cookie, requests } = scenario.requestsFor(s);
    for (const r of requests) {
      const res = await fetch(url + r.path, {
        method: r.method,
        body: r.body,
        redirect: "manual",
        headers: { ...(cookie ? { cookie } : {}), ...(r.body ? { "content-type": "application/json", origin: new URL(url).origin } : {}), ...r.headers },
      });
      if (scenario.status === undefined ? res.status < 200 || res.status >= 300 : res.status !== scenario.status) {
        throw new Error(`${scenario.name}: ${r.method} ${url}${r.path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }
      await res.arrayBuffer();
    }
  }
}
