"use server";

import { signOut } from "@/server/auth";
import { actionFromTandem } from "@/server/security/action-origin";

export async function signOutAction() {
  // Signing someone out from another site is a nuisance, not a breach, but still not allowed.
  if (!(await actionFromTandem())) return;
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
