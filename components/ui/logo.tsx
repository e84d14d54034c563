export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-bold tracking-tight text-brand-800 ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
        <circle cx="12" cy="16" r="9" fill="none" stroke="currentColor" strokeWidth="3" />
        <circle cx="20" cy="16" r="9" fill="none" stroke="#14b8a6" strokeWidth="3" />
      </svg>
      <span className="text-lg">Tandem</span>
    </span>
  );
}
