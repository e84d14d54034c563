import type { ReactNode } from "react";
import { switchOrganizationAction } from "@/app/(app)/actions";

/** Switches to the caller's person in another organization; the button is the child (the header's menu item, the account page's button). */
export function SwitchOrganizationForm({ personId, children }: { personId: string; children: ReactNode }) {
  return (
    <form action={switchOrganizationAction}>
      <input type="hidden" name="personId" value={personId} />
      {children}
    </form>
  );
}
