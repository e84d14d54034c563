import type { ImportResult } from "@/server/people-import/import-people";

// Sentences the import form says itself, apart from the check's tables (./import-results.tsx), which load when a check is shown.

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function resultMessage(result: ImportResult): string {
  if (result.created + result.updated === 0) return "Nothing needed to change: everyone in the file was already up to date.";
  const parts = [`${plural(result.created, "person", "people")} added`, `${result.updated.toLocaleString("en")} updated`];
  if (result.managerChanges > 0) parts.push(plural(result.managerChanges, "manager change", "manager changes"));
  const invited = result.invited > 0 ? ` ${plural(result.invited, "invitation", "invitations")} sent by email.` : "";
  return `Import complete: ${parts.join(", ")}.${invited}`;
}
