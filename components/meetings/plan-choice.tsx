"use client";

import Link from "next/link";
import type { planPreviewAction } from "@/app/(app)/actions";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { formatMeetingStart } from "./format";

export type Preview = NonNullable<Awaited<ReturnType<typeof planPreviewAction>>["data"]>;
type Candidate = Preview["candidates"][number];

const sourceLabels: Record<Candidate["source"], string> = { gap: "Gap", blind_spot: "Blind spot", topic: "Topic", template: "Reflection", person: "" };

/** The preview's candidates to tick, grouped (gaps and blind spots, topics, reflection questions), and the button that adds them. */
export function PlanChoice({
  ids,
  preview,
  chosen,
  setChosen,
  pending,
  onAdd,
  onCancel,
}: {
  ids: string;
  preview: Preview;
  chosen: Set<string>;
  setChosen: (update: (prev: Set<string>) => Set<string>) => void;
  pending: boolean;
  onAdd: () => void;
  onCancel: () => void;
}) {
  const groups: { title: string; items: Candidate[] }[] = [
    { title: "Gaps and blind spots, largest first", items: preview.candidates.filter((c) => c.source === "gap" || c.source === "blind_spot") },
    { title: "Your topics", items: preview.candidates.filter((c) => c.source === "topic") },
    { title: "Reflection questions", items: preview.candidates.filter((c) => c.source === "template") },
  ].filter((g) => g.items.length > 0);
  const selectable = preview.candidates.filter((c) => !c.onAgenda);
  const toggle = (key: string, checked: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        onAdd();
      }}
    >
      <fieldset className="space-y-4">
        <legend id={`${ids}-legend`} tabIndex={-1} className="font-medium text-slate-900 outline-none">
          Add to{" "}
          <Link href={`/meetings/${preview.meeting.id}`} className="underline">
            your 1:1 on {formatMeetingStart(preview.meeting.startsAt, preview.meeting.timeZone)}
          </Link>
        </legend>
        <p className="text-sm text-slate-700">The largest differences are chosen for you: about five fit a 30-minute 1:1. Add or remove any.</p>
        {groups.map((group) => (
          <div key={group.title} className="space-y-1">
            <h3 className="text-sm font-semibold text-slate-800">{group.title}</h3>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {group.items.map((candidate) => (
                <CandidateRow
                  key={candidate.key}
                  inputId={`${ids}-${candidate.key}`}
                  candidate={candidate}
                  checked={candidate.onAgenda || chosen.has(candidate.key)}
                  disabled={candidate.onAgenda || pending}
                  onChange={(checked) => toggle(candidate.key, checked)}
                />
              ))}
            </ul>
          </div>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || chosen.size === 0}>
          {pending ? "Adding…" : chosen.size === 0 ? "Choose items to add" : `Add ${chosen.size} ${chosen.size === 1 ? "item" : "items"} to the agenda`}
        </Button>
        <Button type="button" variant="ghost" disabled={pending} onClick={onCancel}>
          Cancel
        </Button>
        {selectable.length === 0 ? <p className="text-sm text-slate-700">All of it is already on the agenda.</p> : null}
      </div>
    </form>
  );
}

/** One gap, blind spot, topic or question to tick, with where it came from and its question to start. */
function CandidateRow({
  inputId,
  candidate,
  checked,
  disabled,
  onChange,
}: {
  inputId: string;
  candidate: Candidate;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <li className="flex items-start gap-3 px-3 py-2">
      <input
        id={inputId}
        type="checkbox"
        className="mt-1 h-5 w-5 shrink-0"
        checked={checked}
        disabled={disabled}
        aria-describedby={candidate.detail ? `${inputId}-detail` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div className="min-w-0">
        <label htmlFor={inputId} className="break-words text-slate-900">
          {candidate.text}{" "}
          {sourceLabels[candidate.source] ? <Badge tone={candidate.source === "template" ? "slate" : "amber"}>{sourceLabels[candidate.source]}</Badge> : null}
          {candidate.onAgenda ? <span className="ml-1 text-sm text-slate-600">(already on the agenda)</span> : null}
        </label>
        {candidate.detail ? (
          <p id={`${inputId}-detail`} className="text-sm break-words text-slate-700">
            {candidate.detail}
          </p>
        ) : null}
      </div>
    </li>
  );
}
