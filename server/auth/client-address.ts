import net from "node:net";

// The client's address for per-IP limits. Next keeps an X-Forwarded-For the client sent
// (it only fills the header in when absent), so that header alone is whatever the client says.
// scripts/patches/next+*.patch makes Next put the TCP peer's address in PEER_HEADER on every
// request, overwriting anything the client sent under that name. X-Forwarded-For is believed
// only when that peer is a proxy named in TANDEM_TRUSTED_PROXIES, and then only its hops that
// trusted proxies added: from the right, the first address that is not a trusted proxy.

export const PEER_HEADER = "x-tandem-peer-address";

function normalize(address: string): string {
  const trimmed = address.trim();
  // IPv4 clients of a dual-stack socket appear as ::ffff:1.2.3.4.
  return trimmed.toLowerCase().startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/** Parses TANDEM_TRUSTED_PROXIES: addresses or CIDR ranges, IPv4 or IPv6, comma-separated. */
export function parseTrustedProxies(setting: string | undefined): TrustedProxies {
  const list = new net.BlockList();
  for (const raw of (setting ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = "", prefix] = raw.split("/");
    const family = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
    if (!family) throw new Error(`TANDEM_TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR range`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return {
    has(address: string) {
      const normalized = normalize(address);
      const family = net.isIPv4(normalized) ? "ipv4" : net.isIPv6(normalized) ? "ipv6" : null;
      return family !== null && list.check(normalized, family);
    },
  };
}

/** The client's address as far as it can be known; "unknown" if Next gave no peer address. */
export function clientAddress(headers: Headers, trusted: TrustedProxies): string {
  const peer = normalize(headers.get(PEER_HEADER) ?? "");
  if (!peer) return "unknown";
  if (!trusted.has(peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}
