"use client";

import { useId, useRef, useState } from "react";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { NOTE_MAX_CHARS } from "@/server/http/limits";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";
import { SaveStatusLine } from "@/components/ui/save-status";
import { useNoteAutosave } from "./use-note-autosave";

const textareaClass = "block min-h-40 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm";

export function SharedNotes({
  meetingId,
  meId,
  body,
  version,
  readOnly,
}: {
  meetingId: string;
  meId: string;
  body: string;
  version: number;
  readOnly: boolean;
}) {
  const client = useTRPCClient();
  const ids = useId();
  const notes = useNoteAutosave({
    // Per person: the other person of the pair may use this browser too.
    storageKey: `tandem:shared-notes:${meetingId}:${meId}`,
    serverBody: body,
    serverVersion: version,
    save: (text, baseVersion) => client.meetings.saveSharedNotes.mutate({ meetingId, body: text, baseVersion }),
  });
  // Notes hydrate after the page: what was typed before that is kept and saved.
  const field = useRef<HTMLTextAreaElement>(null);
  useTypedBeforeHydration(field, body, notes.change);
  return (
    <div className="space-y-2">
      <label htmlFor={`${ids}-shared`} className="block text-sm font-medium text-slate-800">
        Shared notes <span className="font-normal text-slate-600">(both of you can read and edit)</span>
      </label>
      <textarea
        ref={field}
        id={`${ids}-shared`}
        className={textareaClass}
        value={notes.body}
        readOnly={readOnly || notes.status.kind === "conflict"}
        maxLength={NOTE_MAX_CHARS}
        onChange={(e) => notes.change(e.target.value)}
        aria-describedby={`${ids}-shared-status`}
      />
      <div id={`${ids}-shared-status`}>
        <SaveStatusLine status={notes.status} subject="notes" />
      </div>
      {notes.status.kind === "conflict" ? <MergeNotes mine={notes.body} theirs={notes.status.theirs} onMerge={notes.resolve} /> : null}
    </div>
  );
}

/** Both versions side by side, and a merged text (theirs, then yours) the person edits and saves. */
function MergeNotes({
  mine,
  theirs,
  onMerge,
}: {
  mine: string;
  theirs: { body: string; version: number };
  onMerge: (merged: string, version: number) => void;
}) {
  const ids = useId();
  const [merged, setMerged] = useState(() => (theirs.body.trim() === "" ? mine : `${theirs.body.trimEnd()}\n\n${mine}`));
  return (
    <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3">
      <h3 className="font-semibold text-amber-950">Merge the two versions</h3>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <p className="text-sm font-medium text-slate-800">Saved by the other person</p>
          <pre className="mt-1 max-h-48 overflow-auto rounded border border-slate-200 bg-white p-2 text-sm whitespace-pre-wrap">{theirs.body || "(empty)"}</pre>
        </div>
        <div>
          <p className="text-sm font-medium text-slate-800">Yours, not saved</p>
          <pre className="mt-1 max-h-48 overflow-auto rounded border border-slate-200 bg-white p-2 text-sm whitespace-pre-wrap">{mine || "(empty)"}</pre>
        </div>
      </div>
      <div>
        <label htmlFor={`${ids}-merged`} className="block text-sm font-medium text-slate-800">
          Merged notes
        </label>
        <textarea id={`${ids}-merged`} className={textareaClass} value={merged} maxLength={NOTE_MAX_CHARS} onChange={(e) => setMerged(e.target.value)} />
      </div>
      <Button type="button" onClick={() => onMerge(merged, theirs.version)}>
        Save the merged notes
      </Button>
    </div>
  );
}

export function PrivateNote({ meetingId, meId, body }: { meetingId: string; meId: string; body: string }) {
  const client = useTRPCClient();
  const ids = useId();
  const notes = useNoteAutosave({
    // Per person: nobody else signing in on this browser may find (or save as theirs) this note.
    storageKey: `tandem:private-note:${meetingId}:${meId}`,
    serverBody: body,
    serverVersion: 0,
    save: async (text) => {
      await client.meetings.savePrivateNote.mutate({ meetingId, body: text });
      return { version: 0 };
    },
  });
  const field = useRef<HTMLTextAreaElement>(null);
  useTypedBeforeHydration(field, body, notes.change);
  return (
    <div className="space-y-2">
      <label htmlFor={`${ids}-private`} className="block text-sm font-medium text-slate-800">
        Private notes <span className="font-normal text-slate-600">(only you can ever read these)</span>
      </label>
      <textarea
        ref={field}
        id={`${ids}-private`}
        className={textareaClass}
        value={notes.body}
        maxLength={NOTE_MAX_CHARS}
        onChange={(e) => notes.change(e.target.value)}
      />
      <SaveStatusLine status={notes.status} subject="notes" />
    </div>
  );
}
