"use client";

import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";

export type NoteStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; reason: "offline" | "network" | "signed-out" }
  | { kind: "conflict"; theirs: { body: string; version: number } }
  | { kind: "refused"; message: string };

const DEBOUNCE_MS = 800;
/** The server takes at most 1 MB a request (server/http/limits.ts); a note of 50,000 characters always fits. */
export const NOTE_TOO_LARGE = "these notes are too long for Tandem to accept. Shorten them: your text stays here and on this device until it is saved.";
const MAX_BACKOFF_MS = 30_000;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the in-memory text still retries.
  }
}

/**
 * A note saved a moment after each change. Until the server confirms, the text is also kept in
 * localStorage (under `storageKey`), so a reload, a dropped connection or a restarted server
 * loses nothing: it is sent again with backoff. A save the server refuses as stale (the other
 * person saved meanwhile) stops and reports a conflict with their text, for the person to merge.
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
  const [status, setStatus] = useState<NoteStatus>({ kind: "idle" });
  const version = useRef(serverVersion);
  const saved = useRef(serverBody);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const backoff = useRef(1000);
  const inFlight = useRef(false);
  const latest = useRef(body);
  // The latest save function, without making every render a new `flush` (whose effect cleanup
  // would cancel the pending save timer).
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  // Text typed before a reload that never reached the server comes back first.
  useEffect(() => {
    const unsaved = read(storageKey);
    if (unsaved !== null && unsaved !== serverBody) {
      latest.current = unsaved;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring from storage after mount
      setBody(unsaved);
      schedule(0);
    } else if (unsaved !== null) {
      write(storageKey, null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  const flush = useCallback(async () => {
    if (inFlight.current) return;
    const text = latest.current;
    if (text === saved.current) {
      write(storageKey, null);
      return;
    }
    inFlight.current = true;
    setStatus({ kind: "saving" });
    try {
      const result = await saveRef.current(text, version.current);
      version.current = result.version;
      saved.current = text;
      backoff.current = 1000;
      if (latest.current === text) write(storageKey, null);
      setStatus({ kind: "saved", at: new Date() });
      inFlight.current = false;
      if (latest.current !== text) schedule(DEBOUNCE_MS);
    } catch (err) {
      inFlight.current = false;
      const code = err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
      if (code === "CONFLICT") {
        const current = (err as TRPCClientError<never>).data as { conflict?: { current?: { body: string; version: number } } } | undefined;
        const theirs = current?.conflict?.current;
        if (theirs) {
          setStatus({ kind: "conflict", theirs });
          return;
        }
      }
      if (code === "PAYLOAD_TOO_LARGE") {
        // Retrying would never help. The text stays in the field and on this device.
        setStatus({ kind: "refused", message: NOTE_TOO_LARGE });
        return;
      }
      if (code === "BAD_REQUEST" || code === "NOT_FOUND" || code === "CONFLICT" || code === "FORBIDDEN") {
        setStatus({ kind: "refused", message: err instanceof Error ? err.message : "The server refused this note." });
        return;
      }
      const reason = typeof navigator !== "undefined" && !navigator.onLine ? "offline" : code === "UNAUTHORIZED" ? "signed-out" : "network";
      setStatus({ kind: "retrying", reason });
      const wait = backoff.current;
      backoff.current = Math.min(wait * 2, MAX_BACKOFF_MS);
      schedule(wait);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  function schedule(ms: number) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), ms);
  }

  useEffect(() => {
    const online = () => schedule(0);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      // Leaving the page (client navigation) with a save pending: send it now. If that fails,
      // the text is still in localStorage and comes back on the next visit.
      if (timer.current) {
        clearTimeout(timer.current);
        void flush();
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flush]);

  const change = (text: string) => {
    latest.current = text;
    setBody(text);
    write(storageKey, text);
    if (status.kind !== "conflict") schedule(DEBOUNCE_MS);
  };

  /** After a conflict: save the merged text on top of the other person's version. */
  const resolve = (merged: string, theirVersion: number) => {
    version.current = theirVersion;
    saved.current = "\u0000"; // never equal to real text: forces the save
    setBody(merged);
    latest.current = merged;
    write(storageKey, merged);
    setStatus({ kind: "saving" });
    schedule(0);
  };

  return { body, change, status, resolve };
}
