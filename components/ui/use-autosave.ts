"use client";

import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";

/** A version the server saved meanwhile, sent with a CONFLICT (server/errors.ts). */
export interface SavedVersion {
  body: string;
  version: number;
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; reason: "offline" | "network" | "signed-out" }
  | { kind: "conflict"; theirs: SavedVersion }
  | { kind: "refused"; message: string };

export interface AutosaveOptions<Unsaved> {
  /** Where unsaved changes are kept on this device; per person, so nobody else on this browser finds them. */
  storageKey: string;
  debounceMs: number;
  /** Saves the changes on the server; rejects with the tRPC error when it does not. */
  send: (unsaved: Unsaved) => Promise<void>;
  /** Changes made after `earlier`, on top of it. */
  combine: (earlier: Unsaved, later: Unsaved) => Unsaved;
  /** What of `unsaved` a save of `sent` left unsaved; null when it covered everything. */
  remainder: (unsaved: Unsaved, sent: Unsaved) => Unsaved | null;
  /** Shows changes an earlier visit left on this device; returns what of them still needs saving. */
  restore: (stored: Unsaved) => Unsaved | null;
  /** How changes are written to localStorage (JSON unless given). */
  codec?: { parse: (raw: string) => Unsaved; stringify: (unsaved: Unsaved) => string };
  /** What to say when the server refuses the save as too large (retrying would never help). */
  tooLarge: string;
  /** A CONFLICT carrying the server's version becomes a conflict to merge; without, it is refused. */
  mergesConflicts?: boolean;
  /** Asks the browser to confirm leaving the page while changes are unsaved. */
  warnBeforeLeaving?: boolean;
}

const MAX_BACKOFF_MS = 30_000;
const json = { parse: (raw: string) => JSON.parse(raw) as never, stringify: (value: unknown) => JSON.stringify(value) };

function errorCode(err: unknown): string | undefined {
  return err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
}

const isOffline = () => typeof navigator !== "undefined" && !navigator.onLine;

/**
 * The one autosave engine (assessment answers, meeting notes). Changes are saved a moment after
 * each edit. Until the server confirms them they are also kept in localStorage, so a reload, a
 * dropped network, a restarted server or an expired session loses nothing: they are sent again,
 * with backoff, until the server accepts or refuses them. One save is in flight at a time; what
 * changed meanwhile goes next. The stored copy may be shared by several tabs: a save removes only
 * what it covered, as it was sent.
 */
export function useAutosave<Unsaved>(options: AutosaveOptions<Unsaved>) {
  const { storageKey, debounceMs } = options;
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const pending = useRef<Unsaved | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  // After a conflict nothing is sent on its own: the person merges first (saveNow resumes).
  const held = useRef(false);
  // The latest options, without making every render a new `flush` (whose effect cleanup would
  // cancel the pending save timer).
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const stored = useCallback((): Unsaved | null => {
    try {
      const raw = window.localStorage.getItem(storageKey);
      return raw === null ? null : (latest.current.codec ?? json).parse(raw);
    } catch {
      return null;
    }
  }, [storageKey]);

  const store = useCallback(
    (unsaved: Unsaved | null) => {
      try {
        if (unsaved === null) window.localStorage.removeItem(storageKey);
        else window.localStorage.setItem(storageKey, (latest.current.codec ?? json).stringify(unsaved));
      } catch {
        // Storage full or disabled: the in-memory changes still retry.
      }
    },
    [storageKey],
  );

  // Timers call the latest flush through this ref.
  const flushRef = useRef<() => Promise<void>>(async () => {});
  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void flushRef.current();
    }, ms);
  }, []);

  /** The outcome of sending `batch`: true when saved, false when it stopped (and why is in the status). */
  const attempt = useCallback(
    async (batch: Unsaved): Promise<boolean> => {
      const { send, remainder, tooLarge, mergesConflicts } = latest.current;
      try {
        await send(batch);
      } catch (err) {
        const code = errorCode(err);
        const theirs = code === "CONFLICT" ? ((err as TRPCClientError<never>).data as { conflict?: { current?: SavedVersion } } | undefined) : undefined;
        if (mergesConflicts && theirs?.conflict?.current) {
          held.current = true;
          setStatus({ kind: "conflict", theirs: theirs.conflict.current });
        } else if (code === "PAYLOAD_TOO_LARGE") {
          setStatus({ kind: "refused", message: tooLarge });
        } else if (code === "BAD_REQUEST" || code === "CONFLICT" || code === "NOT_FOUND" || code === "FORBIDDEN") {
          // The server will never accept these: say why, and keep them on this device.
          setStatus({ kind: "refused", message: err instanceof Error ? err.message : "The server refused this save." });
        } else {
          failures.current += 1;
          setStatus({ kind: "retrying", reason: code === "UNAUTHORIZED" ? "signed-out" : isOffline() ? "offline" : "network" });
          schedule(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures.current - 1, 5)));
        }
        return false;
      }
      pending.current = pending.current === null ? null : remainder(pending.current, batch);
      const kept = stored();
      store(kept === null ? null : remainder(kept, batch));
      failures.current = 0;
      setStatus({ kind: "saved", at: new Date() });
      return true;
    },
    [schedule, store, stored],
  );

  const flush = useCallback(async (): Promise<void> => {
    for (;;) {
      if (inflight.current) {
        await inflight.current;
        continue;
      }
      const batch = pending.current;
      if (batch === null) return;
      if (isOffline()) {
        setStatus({ kind: "retrying", reason: "offline" });
        return;
      }
      setStatus({ kind: "saving" });
      inflight.current = attempt(batch);
      let saved: boolean;
      try {
        saved = await inflight.current;
      } finally {
        inflight.current = null;
      }
      if (!saved) return;
    }
  }, [attempt]);

  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  /** Records a change: shown at once by the caller, kept on this device, saved a moment later. */
  const change = useCallback(
    (unsaved: Unsaved) => {
      const { combine } = latest.current;
      pending.current = pending.current === null ? unsaved : combine(pending.current, unsaved);
      // Onto the stored copy: another tab of the same page keeps its own changes there.
      const kept = stored();
      store(kept === null ? unsaved : combine(kept, unsaved));
      setStatus((s) => (s.kind === "retrying" || s.kind === "refused" || s.kind === "conflict" ? s : { kind: "idle" }));
      if (!held.current) schedule(debounceMs);
    },
    [debounceMs, schedule, store, stored],
  );

  // Changes left unsaved by an earlier visit (a reload while offline, an expired session): shown
  // over the server's version and sent again.
  useEffect(() => {
    const kept = stored();
    if (kept === null) return;
    const unsaved = latest.current.restore(kept);
    if (unsaved === null) {
      store(null);
      return;
    }
    pending.current = pending.current === null ? unsaved : latest.current.combine(unsaved, pending.current);
    void flush();
  }, [flush, store, stored]);

  useEffect(() => {
    const online = () => {
      failures.current = 0;
      if (!held.current) void flush();
    };
    const focus = () => {
      if (pending.current !== null && !held.current) void flush();
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (pending.current !== null && latest.current.warnBeforeLeaving) e.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("focus", focus);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("focus", focus);
      window.removeEventListener("beforeunload", beforeUnload);
      // Leaving the page (client navigation) with a save pending: send it now. If that fails,
      // the changes are still on this device and come back on the next visit.
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
        void flush();
      }
    };
  }, [flush]);

  const hasUnsaved = useCallback(() => pending.current !== null, []);

  /** Sends everything now (after a conflict, the merged version); resolves true when nothing is left unsaved. */
  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    held.current = false;
    failures.current = 0;
    await flush();
    return pending.current === null;
  }, [flush]);

  return { status, change, saveNow, hasUnsaved };
}
