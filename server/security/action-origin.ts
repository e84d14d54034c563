import "server-only";
import { headers } from "next/headers";
import { isSameOrigin } from "./origin";

/**
 * For server actions: whether this one was sent by Tandem's own pages (server/security/origin.ts).
 * Next checks Origin against Host itself, but lets a request without Origin through and knows
 * nothing of AUTH_URL; every action asks this first and does nothing when it is false.
 */
export async function actionFromTandem(): Promise<boolean> {
  return isSameOrigin(await headers());
}
