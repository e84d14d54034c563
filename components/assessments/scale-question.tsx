"use client";

import type { AnswerValue } from "@/server/assessments/answers";
import type { Option } from "./questionnaire";

/**
 * One question as a native radio group: Tab moves between questions, arrow keys between
 * answers. Options stack on a phone and sit in a row on wider screens.
 */
export function RadioQuestion({
  name,
  legend,
  options,
  value,
  onChange,
  disabled,
  columns,
}: {
  name: string;
  legend: string;
  options: Option[];
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  disabled?: boolean;
  columns?: 3 | 5 | 6;
}) {
  const gridCols = columns === 6 ? "sm:grid-cols-6" : columns === 5 ? "sm:grid-cols-5" : columns === 3 ? "sm:grid-cols-3" : "sm:grid-cols-4";
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="mb-2 font-medium text-slate-900">{legend}</legend>
      <div className={`grid grid-cols-1 gap-2 ${gridCols}`}>
        {options.map((option) => {
          const id = `${name}-${String(option.value)}`;
          const checked = value === option.value;
          return (
            <label
              key={id}
              htmlFor={id}
              className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700 sm:flex-col sm:justify-center sm:text-center ${
                checked ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-800 hover:border-slate-400"
              } ${option.cantSay ? "sm:border-dashed" : ""}`}
            >
              <input
                id={id}
                type="radio"
                name={name}
                value={String(option.value)}
                checked={checked}
                onChange={() => onChange(option.value)}
                className="size-4 accent-brand-700 sm:sr-only"
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
