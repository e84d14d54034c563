import { env } from "@/server/env";
import { clientAddress, parseTrustedProxies, type TrustedProxies } from "./client-address";

const parsed = new Map<string, TrustedProxies>();

/** The request's client address under this server's TANDEM_TRUSTED_PROXIES. */
export function clientAddressOf(headers: Headers): string {
  const setting = env().TANDEM_TRUSTED_PROXIES ?? "";
  let proxies = parsed.get(setting);
  if (!proxies) parsed.set(setting, (proxies = parseTrustedProxies(setting)));
  return clientAddress(headers, proxies);
}
