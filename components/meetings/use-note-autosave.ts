"use client";

import { useRef, useState } from "react";
import { useAutosave } from "@/components/ui/use-autosave";

/** The server takes at most 1 MB a request (server/http/limits.ts); a note of 50,000 characters always fits. */
const NOTE_TOO_LARGE = "these notes are too long for Tandem to accept. Shorten them: your text stays here and on this device until it is saved.";
// Notes are kept on this device as the text itself.
const asText = { parse: (raw: string) => raw, stringify: (text: string) => text };

/**
 * A note saved a moment after each change, through the autosave engine
 * (components/ui/use-autosave.ts). A save the server refuses as stale (the other person saved
 * meanwhile) stops and reports a conflict with their text, for the person to merge.
 */
export function useNoteAutosave({
  storageKey,
  serverBody,
  serverVersion,
  save,
}: {
  storageKey: string;
  serverBody: string;
  serverVersion: number;
  save: (body: string, baseVersion: number) => Promise<{ version: number }>;
}) {
  const [body, setBody] = useState(serverBody);
  const version = useRef(serverVersion);
  const autosave = useAutosave<string>({
    storageKey,
    debounceMs: 800,
    send: async (text) => {
      version.current = (await save(text, version.current)).version;
    },
    // The latest text replaces the earlier; a save covers it only if nothing was typed since.
    combine: (_earlier, later) => later,
    remainder: (unsaved, sent) => (unsaved === sent ? null : unsaved),
    // Text typed before a reload that never reached the server comes back first.
    restore: (stored) => {
      if (stored === serverBody) return null;
      setBody(stored);
      return stored;
    },
    codec: asText,
    tooLarge: NOTE_TOO_LARGE,
    mergesConflicts: true,
  });

  const change = (text: string) => {
    setBody(text);
    autosave.change(text);
  };

  /** After a conflict: save the merged text on top of the other person's version. */
  const resolve = (merged: string, theirVersion: number) => {
    version.current = theirVersion;
    change(merged);
    void autosave.saveNow();
  };

  return { body, change, status: autosave.status, resolve };
}
