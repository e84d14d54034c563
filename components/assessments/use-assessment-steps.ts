"use client";

import { useEffect, useRef, useState } from "react";
import type { Answers } from "@/server/assessments/answers";
import type { Questionnaire } from "./questionnaire";

// Steps: 0 is "About", 1 to n the dimensions, n + 1 the closing questions and submit.

/** The required questions of a step. */
export function stepKeys(questionnaire: Questionnaire, step: number): string[] {
  const { dimensions, closing } = questionnaire;
  if (step === 0) return [];
  const questions = step === dimensions.length + 1 ? closing : (dimensions[step - 1]?.questions ?? []);
  return questions.map((question) => question.key);
}

/** Every required question, in order. */
export function requiredKeys(questionnaire: Questionnaire): string[] {
  return [...questionnaire.dimensions.flatMap((dimension) => dimension.questions), ...questionnaire.closing].map((question) => question.key);
}

/**
 * Which step is shown. Coming back to a draft opens on the first step with an unanswered
 * question, not on "About" (from the answers the server sent, so the server's page and the
 * browser's agree), with that question in view and the keyboard on it.
 */
export function useAssessmentSteps(questionnaire: Questionnaire, initialAnswers: Answers) {
  const lastStep = questionnaire.dimensions.length + 1;
  const [resume] = useState(() => {
    if (Object.keys(initialAnswers).length === 0) return null;
    for (let step = 1; step <= lastStep; step++) {
      const key = stepKeys(questionnaire, step).find((k) => initialAnswers[k] === undefined);
      if (key) return { step, key };
    }
    return { step: lastStep, key: null };
  });
  const [step, setStep] = useState(resume?.step ?? 0);
  const [welcomeBack, setWelcomeBack] = useState(resume !== null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [step]);
  useEffect(() => {
    // Focus alone answers nothing.
    if (!resume?.key) return;
    const input = document.querySelector<HTMLInputElement>(`input[name="${CSS.escape(resume.key)}"]`);
    input?.closest("fieldset")?.scrollIntoView({ block: "center" });
    input?.focus({ preventScroll: true });
  }, [resume]);

  const go = (next: number) => {
    moved.current = true;
    setWelcomeBack(false);
    setStep(Math.max(0, Math.min(lastStep, next)));
    window.scrollTo({ top: 0 });
  };
  return { step, lastStep, go, headingRef, welcomeBack };
}
