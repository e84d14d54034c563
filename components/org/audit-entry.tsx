import type { AuditDetails, AuditFieldChange } from "@/db/schema";

export const ACTION_LABELS: Record<string, string> = {
  "people.imported": "imported people",
  "person.updated": "edited a person",
  "person.manager_changed": "changed a manager",
  "person.deactivated": "deactivated a person",
  "person.reactivated": "reactivated a person",
  "person.role_granted": "granted a role",
  "person.role_removed": "removed a role",
  "cycle.created": "created a cycle",
  "cycle.opened": "opened a cycle",
  "cycle.closed": "closed a cycle",
  "cycle.reminded": "sent reminders",
  "settings.changed": "changed a setting",
  "trends.exported": "exported trends",
  "template.created": "created an org template",
  "template.updated": "changed an org template",
  "template.deleted": "deleted an org template",
};

const settingLabels: Record<string, string> = { minGroupSize: "minimum group size", timeZone: "time zone" };
const fieldLabels: Record<string, string> = {
  name: "name",
  givenName: "given name",
  email: "email",
  title: "title",
  department: "department",
  startDate: "start date",
  manager: "manager",
};

const n = (value: unknown) => (typeof value === "number" ? value.toLocaleString("en") : "0");
const people = (value: unknown) => `${n(value)} ${value === 1 ? "person" : "people"}`;

function isChanges(value: unknown): value is AuditFieldChange[] {
  return Array.isArray(value);
}

/** "imported 37 people: 5 new, 2 updated", from the counts an import recorded. */
function importText(d: AuditDetails): string {
  const counts = [`${n(d.created)} new`, `${n(d.updated)} updated`];
  if (typeof d.managerChanges === "number" && d.managerChanges > 0) counts.push(`${n(d.managerChanges)} ${d.managerChanges === 1 ? "manager change" : "manager changes"}`);
  // Entries recorded before the row count was kept: the people it created or updated.
  const rows = typeof d.rows === "number" ? d.rows : (Number(d.created) || 0) + (Number(d.updated) || 0);
  return `imported ${people(rows)}: ${counts.join(", ")}`;
}

/** One audit log line: who, what, and on what ("Maya Chen changed a setting: time zone UTC → Europe/Berlin"). */
export function AuditEntryText({ entry: e }: { entry: { actorName: string; action: string; details: AuditDetails } }) {
  const d = e.details;
  const setting = String(d.setting);
  return (
    <>
      <span className="font-medium">{e.actorName}</span> {e.action === "people.imported" ? importText(d) : (ACTION_LABELS[e.action] ?? e.action)}
      {typeof d.name === "string" ? <>: {d.name}</> : null}
      {e.action === "settings.changed" ? (
        <>
          : {settingLabels[setting] ?? setting} {String(d.from)} → {String(d.to)}
        </>
      ) : null}
      {typeof d.role === "string" ? <> ({d.role})</> : null}
      {isChanges(d.changes) && d.changes.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-slate-700">
          {d.changes.map((c) => (
            <li key={c.field}>
              {fieldLabels[c.field] ?? c.field}: {c.from ?? "(empty)"} → {c.to ?? "(empty)"}
            </li>
          ))}
        </ul>
      ) : null}
      {e.action === "person.deactivated" && typeof d.reportsWithoutManager === "number" && d.reportsWithoutManager > 0 ? (
        <> ({people(d.reportsWithoutManager)} left without a manager)</>
      ) : null}
    </>
  );
}
