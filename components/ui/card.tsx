import type { ComponentProps } from "react";

export function Card({ className = "", ...props }: ComponentProps<"div">) {
  return <div className={`rounded-xl border border-slate-200 bg-white shadow-sm ${className}`} {...props} />;
}

export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "brand" | "amber" | "red" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    brand: "bg-brand-50 text-brand-800 ring-1 ring-brand-100",
    amber: "bg-amber-50 text-amber-900 ring-1 ring-amber-300",
    red: "bg-red-50 text-red-800 ring-1 ring-red-300",
  };
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function Alert({ tone = "error", children }: { tone?: "error" | "info" | "success"; children: React.ReactNode }) {
  const tones = {
    error: "border-red-200 bg-red-50 text-red-900",
    info: "border-sky-200 bg-sky-50 text-sky-900",
    success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  };
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}

/**
 * A refusal or failure said in one line where it happened (under a button, in a row); nothing
 * when there is none. `className` adds layout (a grid column).
 */
export function ErrorText({ error, className, id }: { error: { message: string } | string | null | undefined; className?: string; id?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className={className ? `text-sm text-red-700 ${className}` : "text-sm text-red-700"}>
      {typeof error === "string" ? error : error.message}
    </p>
  );
}
