"use client";

import type { SaveStatus } from "./use-autosave";

const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/** A calm, always-visible word on whether answers are safe; announced politely to screen readers. */
export function SaveStatusIndicator({ status }: { status: SaveStatus }) {
  let text = "Answers save automatically";
  let tone = "text-slate-600";
  switch (status.kind) {
    case "saving":
      text = "Saving…";
      break;
    case "saved":
      text = `Saved at ${time.format(status.at)}`;
      tone = "text-emerald-800";
      break;
    case "retrying":
      tone = "text-amber-900";
      text =
        status.reason === "offline"
          ? "You are offline. Your answers are kept on this device and will be saved when you are back online."
          : status.reason === "signed-out"
            ? "Your session has expired. Sign in again in another tab: your answers are kept on this device and will be saved then."
            : `Not saved yet: the server can't be reached. Trying again${status.inSeconds ? ` in ${status.inSeconds} s` : ""}; your answers are kept on this device.`;
      break;
    case "refused":
      tone = "text-red-800";
      text = `Not saved: ${status.message}`;
      break;
  }
  return (
    <p role="status" aria-live="polite" className={`text-sm ${tone}`} data-save-status={status.kind}>
      {text}
    </p>
  );
}
