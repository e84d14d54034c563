import type { ReactNode } from "react";

export function PageHeader({ title, eyebrow, children }: { title: ReactNode; eyebrow?: ReactNode; children?: ReactNode }) {
  return (
    <div>
      {eyebrow ? <p className="text-sm font-medium text-brand-800">{eyebrow}</p> : null}
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      {children ? <p className="mt-1 text-slate-700">{children}</p> : null}
    </div>
  );
}
