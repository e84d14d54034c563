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

const count = (value: unknown) => (typeof value === "number" ? value.toLocaleString("en") : "0");
const people = (value: unknown) => `${count(value)} ${value === 1 ? "person" : "people"}`;

function isChanges(value: unknown): value is AuditFieldChange[] {
  return Array.isArray(value);
}

/** "imported 37 people: 5 new, 2 updated", from the counts an import recorded. */
function importText(details: AuditDetails): string {
  const counts = [`${count(details.created)} new`, `${count(details.updated)} updated`];
  if (typeof details.managerChanges === "number" && details.managerChanges > 0)
    counts.push(`${count(details.managerChanges)} ${details.managerChanges === 1 ? "manager change" : "manager changes"}`);
  // Entries recorded before the row count was kept: the people it created or updated.
  const rows = typeof details.rows === "number" ? details.rows : (Number(details.created) || 0) + (Number(details.updated) || 0);
  return `imported ${people(rows)}: ${counts.join(", ")}`;
}

/** One audit log line: who, what, and on what ("Maya Chen changed a setting: time zone UTC → Europe/Berlin"). */
export function AuditEntryText({ entry }: { entry: { actorName: string; action: string; details: AuditDetails } }) {
  const { details } = entry;
  const setting = String(details.setting);
  return (
    <>
      <span className="font-medium">{entry.actorName}</span>{" "}
      {entry.action === "people.imported" ? importText(details) : (ACTION_LABELS[entry.action] ?? entry.action)}
      {typeof details.name === "string" ? <>: {details.name}</> : null}
      {entry.action === "settings.changed" ? (
        <>
          : {settingLabels[setting] ?? setting} {String(details.from)} → {String(details.to)}
        </>
      ) : null}
      {typeof details.role === "string" ? <> ({details.role})</> : null}
      {isChanges(details.changes) && details.changes.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-slate-700">
          {details.changes.map((change) => (
            <li key={change.field}>
              {fieldLabels[change.field] ?? change.field}: {change.from ?? "(empty)"} → {change.to ?? "(empty)"}
            </li>
          ))}
        </ul>
      ) : null}
      {entry.action === "person.deactivated" && typeof details.reportsWithoutManager === "number" && details.reportsWithoutManager > 0 ? (
        <> ({people(details.reportsWithoutManager)} left without a manager)</>
      ) : null}
    </>
  );
}
