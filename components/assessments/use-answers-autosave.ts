"use client";

import { useCallback, useState } from "react";
import { useTRPCClient } from "@/components/trpc/client";
import { useAutosave } from "@/components/ui/use-autosave";
import { applyChanges, type Answers, type AnswerValue } from "@/server/assessments/answers";

/** Answers changed since the last save, by question; null clears an answer. */
type Changes = Record<string, AnswerValue | null>;

/** What of `unsaved` a save of `sent` did not cover: every answer changed again since. */
function notYetSaved(unsaved: Changes, sent: Changes): Changes | null {
  const left = Object.fromEntries(Object.entries(unsaved).filter(([key, value]) => sent[key] !== value));
  return Object.keys(left).length > 0 ? left : null;
}

/**
 * An assessment's answers, shown at once and saved per question a moment after each change
 * (components/ui/use-autosave.ts keeps them on this device until the server has them).
 */
export function useAnswersAutosave(assessmentId: string, side: string, serverAnswers: Answers) {
  const client = useTRPCClient();
  const [answers, setAnswers] = useState<Answers>(serverAnswers);
  const autosave = useAutosave<Changes>({
    // Per side, not only per assessment: both people of a pair may use the same browser, and one
    // must never find (and send as theirs) the other's unsaved answers.
    storageKey: `tandem:unsaved:${assessmentId}:${side}`,
    debounceMs: 700,
    send: async (changes) => {
      await client.assessments.saveDraft.mutate({ assessmentId, changes });
    },
    combine: (earlier, later) => ({ ...earlier, ...later }),
    remainder: notYetSaved,
    restore: (stored) => {
      if (Object.keys(stored).length === 0) return null;
      setAnswers((shown) => applyChanges(shown, stored));
      return stored;
    },
    tooLarge: "your answers are too long for Tandem to accept. Shorten the longest: they stay here and on this device until they are saved.",
    warnBeforeLeaving: true,
  });
  const { change } = autosave;
  const setAnswer = useCallback(
    (key: string, value: AnswerValue | null) => {
      setAnswers((shown) => applyChanges(shown, { [key]: value }));
      change({ [key]: value });
    },
    [change],
  );
  return { answers, setAnswer, status: autosave.status, saveNow: autosave.saveNow };
}
