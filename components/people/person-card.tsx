import { Avatar } from "@/components/ui/avatar";
import { Card } from "@/components/ui/card";

const monthYear = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export function formatMonthYear(date: Date): string {
  return monthYear.format(date);
}

export function PersonCard({
  person,
  detail,
  children,
}: {
  person: { name: string; title: string | null; department: string | null };
  detail?: string;
  children?: React.ReactNode;
}) {
  return (
    <Card className="flex items-start gap-3 p-4">
      <Avatar name={person.name} />
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-slate-900">{person.name}</p>
        <p className="text-sm text-slate-700">{[person.title, person.department].filter(Boolean).join(" · ")}</p>
        {detail ? <p className="mt-1 text-sm text-slate-600">{detail}</p> : null}
        {children ? <div className="mt-3">{children}</div> : null}
      </div>
    </Card>
  );
}
