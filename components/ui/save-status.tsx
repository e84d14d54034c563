"use client";

import type { SaveStatus } from "./use-autosave";

const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

function wording(status: SaveStatus, subject: "answers" | "notes"): { text: string; tone: string } {
  switch (status.kind) {
    case "idle":
      return { text: `${subject === "answers" ? "Answers" : "Notes"} save automatically`, tone: "text-slate-600" };
    case "saving":
      return { text: "Saving…", tone: "text-slate-600" };
    case "saved":
      return { text: `Saved at ${time.format(status.at)}`, tone: "text-emerald-800" };
    case "retrying":
      return {
        tone: "text-amber-900",
        text:
          status.reason === "offline"
            ? `You are offline. Your ${subject} are kept on this device and will be saved when you are back online.`
            : status.reason === "signed-out"
              ? `Your session has expired. Sign in again in another tab: your ${subject} are kept on this device and will be saved then.`
              : `Not saved yet: the server can't be reached. Trying again; your ${subject} are kept on this device.`,
      };
    case "conflict":
      return { text: `Not saved: the other person changed these ${subject} meanwhile. Merge below.`, tone: "text-amber-900" };
    case "refused":
      return { text: `Not saved: ${status.message}`, tone: "text-red-800" };
  }
}

/** A calm, always-visible word on whether what was typed is safe (components/ui/use-autosave.ts); announced politely to screen readers. */
export function SaveStatusLine({ status, subject }: { status: SaveStatus; subject: "answers" | "notes" }) {
  const { text, tone } = wording(status, subject);
  return (
    <p role="status" aria-live="polite" className={`text-sm ${tone}`} data-save-status={status.kind}>
      {text}
    </p>
  );
}
