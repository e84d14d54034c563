"use client";

import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPCClient } from "@/components/trpc/client";

export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;
type Changes = Record<string, AnswerValue | null>;

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; reason: "offline" | "network" | "signed-out"; inSeconds: number }
  | { kind: "refused"; message: string };

const DEBOUNCE_MS = 700;
const MAX_BACKOFF_MS = 30_000;

// Per side, not only per assessment: both people of a pair may use the same browser, and one
// must never find (and send as theirs) the other's unsaved answers.
function storageKey(assessmentId: string, side: string) {
  return `tandem:unsaved:${assessmentId}:${side}`;
}

function readUnsaved(key: string): Changes {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Changes) : {};
  } catch {
    return {};
  }
}

function writeUnsaved(key: string, changes: Changes) {
  try {
    if (Object.keys(changes).length === 0) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(changes));
  } catch {
    // Storage full or disabled: the in-memory queue still retries.
  }
}

function applyChanges(answers: Answers, changes: Changes): Answers {
  const next = { ...answers };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}

/**
 * Answers kept locally and saved to the server per question, a moment after each change.
 * Changes not yet confirmed by the server are also kept in localStorage, so a reload, a
 * dropped network or an expired session loses nothing: they are sent again, with backoff,
 * until the server accepts or refuses them.
 */
export function useAutosave(assessmentId: string, side: string, serverAnswers: Answers, enabled: boolean) {
  const unsavedKey = storageKey(assessmentId, side);
  const client = useTRPCClient();
  const [answers, setAnswers] = useState<Answers>(serverAnswers);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const pending = useRef<Changes>({});
  const inflight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);

  const schedule = useCallback((ms: number, run: () => void) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(run, ms);
  }, []);

  // Timers call the latest flush through this ref.
  const flushRef = useRef<() => Promise<void>>(async () => {});

  const flush = useCallback(async (): Promise<void> => {
    if (!enabled) return;
    for (;;) {
      if (inflight.current) {
        await inflight.current;
        continue;
      }
      const batch = { ...pending.current };
      if (Object.keys(batch).length === 0) return;
      if (typeof navigator !== "undefined" && !navigator.onLine) {
        setStatus({ kind: "retrying", reason: "offline", inSeconds: 0 });
        return;
      }
      setStatus({ kind: "saving" });
      const attempt = (async (): Promise<boolean> => {
        try {
          await client.assessments.saveDraft.mutate({ assessmentId, changes: batch });
          // Drop what was saved, unless it changed again meanwhile. The stored copy is shared by
          // every tab of this assessment: remove only what this save covered, as saved.
          for (const [k, v] of Object.entries(batch)) if (pending.current[k] === v) delete pending.current[k];
          const stored = readUnsaved(unsavedKey);
          for (const [k, v] of Object.entries(batch)) if (stored[k] === v) delete stored[k];
          writeUnsaved(unsavedKey, stored);
          failures.current = 0;
          setStatus({ kind: "saved", at: new Date() });
          return true;
        } catch (err) {
          const code = err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
          if (code === "PAYLOAD_TOO_LARGE") {
            setStatus({ kind: "refused", message: "your answers are too long for Tandem to accept. Shorten the longest: they stay here and on this device until they are saved." });
            return false;
          }
          if (code === "BAD_REQUEST" || code === "CONFLICT" || code === "NOT_FOUND" || code === "FORBIDDEN") {
            // The server will never accept these: say why, and keep them on this device.
            setStatus({ kind: "refused", message: err instanceof Error ? err.message : "Your answers could not be saved." });
            return false;
          }
          failures.current += 1;
          const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures.current - 1, 5));
          const reason = code === "UNAUTHORIZED" ? "signed-out" : typeof navigator !== "undefined" && !navigator.onLine ? "offline" : "network";
          setStatus({ kind: "retrying", reason, inSeconds: Math.round(wait / 1000) });
          schedule(wait, () => void flushRef.current());
          return false;
        }
      })();
      inflight.current = attempt.then(() => undefined);
      let ok: boolean;
      try {
        ok = await attempt;
      } finally {
        inflight.current = null;
      }
      if (!ok) return;
    }
  }, [assessmentId, client, enabled, schedule, unsavedKey]);

  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const setAnswer = useCallback(
    (key: string, value: AnswerValue | null) => {
      setAnswers((prev) => applyChanges(prev, { [key]: value }));
      pending.current[key] = value;
      // Merge into the stored copy: another tab of the same assessment keeps its own answers there.
      writeUnsaved(unsavedKey, { ...readUnsaved(unsavedKey), [key]: value });
      setStatus((s) => (s.kind === "retrying" || s.kind === "refused" ? s : { kind: "idle" }));
      schedule(DEBOUNCE_MS, () => void flushRef.current());
    },
    [schedule, unsavedKey],
  );

  // Changes left unsaved by an earlier visit (reload while offline, expired session): apply
  // them over the server's draft and send them again.
  useEffect(() => {
    if (!enabled) return;
    const unsaved = readUnsaved(unsavedKey);
    if (Object.keys(unsaved).length === 0) return;
    pending.current = { ...unsaved, ...pending.current };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring from storage after mount
    setAnswers((prev) => applyChanges(prev, unsaved));
    void flush();
  }, [enabled, flush, unsavedKey]);

  useEffect(() => {
    const online = () => {
      failures.current = 0;
      void flush();
    };
    const focus = () => {
      if (Object.keys(pending.current).length > 0) void flush();
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (Object.keys(pending.current).length > 0) e.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("focus", focus);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("focus", focus);
      window.removeEventListener("beforeunload", beforeUnload);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush]);

  const hasUnsaved = useCallback(() => Object.keys(pending.current).length > 0, []);

  /** Sends everything now; resolves true when nothing is left unsaved. */
  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    failures.current = 0;
    await flush();
    return Object.keys(pending.current).length === 0;
  }, [flush]);

  return { answers, setAnswer, status, saveNow, hasUnsaved };
}
