const actionLabels: Record<string, string> = {
  "cycle.created": "created a cycle",
  "cycle.opened": "opened a cycle",
  "cycle.closed": "closed a cycle",
  "cycle.reminded": "sent reminders",
  "people.imported": "imported people",
  "settings.changed": "changed a setting",
  "trends.exported": "exported trends",
  "template.created": "created an org template",
  "template.updated": "changed an org template",
  "template.deleted": "deleted an org template",
};

const settingLabels: Record<string, string> = { minGroupSize: "minimum group size", timeZone: "time zone" };

/** One audit log line: who, what, and on what ("Maya Chen changed a setting: time zone UTC → Europe/Berlin"). */
export function AuditEntryText({ entry: e }: { entry: { actorName: string; action: string; details: Record<string, string | number | boolean | null> } }) {
  const setting = String(e.details.setting);
  return (
    <>
      <span className="font-medium">{e.actorName}</span> {actionLabels[e.action] ?? e.action}
      {typeof e.details.name === "string" ? <>: {e.details.name}</> : null}
      {e.action === "settings.changed" ? (
        <>
          : {settingLabels[setting] ?? setting} {String(e.details.from)} → {String(e.details.to)}
        </>
      ) : null}
    </>
  );
}
