// Form field styles shared by the meeting forms. A module of its own, not an export of a form
// component: importing a constant from a client component's file pulls that whole component
// into every page that needs the constant.
export const fieldClass = "mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm";
export const labelClass = "block text-sm font-medium text-slate-800";
