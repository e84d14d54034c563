"use client";

import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { Answers } from "@/server/assessments/answers";
import type { Side } from "@/server/assessments/item-bank";
import { callName, type PersonName } from "@/server/people/call-name";
import { DimensionStep, ProgressHeader, StepNav } from "./assessment-steps";
import type { Questionnaire } from "./questionnaire";
import { requiredKeys, stepKeys, useAssessmentSteps } from "./use-assessment-steps";
import { useAnswersAutosave } from "./use-answers-autosave";

// The closing step (questions, the summary of what is missing, submit) is the last of several:
// not part of the page's first load. It is fetched once the page is up, so it is there by the
// time anyone reaches it; a page opened on it is rendered by the server and waits for it only
// to become interactive.
const loadClosingStep = () => import("./closing-step").then((m) => ({ default: m.ClosingStep }));
const ClosingStep = lazy(loadClosingStep);

interface Props {
  assessmentId: string;
  /** The questions from this person's side (./questionnaire.ts, built by the page). */
  questionnaire: Questionnaire;
  side: Side;
  /** The other person of the pair. */
  other: PersonName;
  /** Step 0, what the assessment is and who sees what (./about-step.tsx, rendered by the page). */
  about: ReactNode;
  initialAnswers: Answers;
}

/** The assessment, one step at a time, saved as it is answered. */
export function AssessmentForm({ assessmentId, questionnaire, side, other, about, initialAnswers }: Props) {
  const { answers, setAnswer, status, saveNow } = useAnswersAutosave(assessmentId, side, initialAnswers);
  const { step, lastStep, go, headingRef, welcomeBack } = useAssessmentSteps(questionnaire, initialAnswers);
  const otherFirst = callName(other);
  useEffect(() => void loadClosingStep(), []);
  const { dimensions } = questionnaire;

  const missing = new Set(requiredKeys(questionnaire).filter((key) => answers[key] === undefined));
  const progressOf = (i: number) => {
    const keys = stepKeys(questionnaire, i);
    return { answered: keys.filter((key) => !missing.has(key)).length, total: keys.length };
  };
  const done = (i: number) => progressOf(i).answered === progressOf(i).total;
  const required = requiredKeys(questionnaire).length;
  const current = progressOf(step);
  const stepName = step === 0 ? "About" : step === lastStep ? "Last questions" : dimensions[step - 1]!.name;

  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <StepNav names={["About", ...dimensions.map((dimension) => dimension.name), "Last questions"]} step={step} progressOf={progressOf} onGo={go} />

      <div className="min-w-0 space-y-6">
        <ProgressHeader step={step} dimensionCount={dimensions.length} overall={{ answered: required - missing.size, total: required }} status={status} />

        <div>
          <h2 ref={headingRef} tabIndex={-1} className="text-xl font-bold tracking-tight outline-none sm:text-2xl">
            {stepName}
          </h2>
          {step > 0 && current.answered > 0 && current.answered < current.total ? (
            <p className="mt-1 text-sm text-amber-900">
              Partly answered: {current.answered} of {current.total} questions in this section
            </p>
          ) : null}
        </div>

        {welcomeBack ? (
          <p className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
            Welcome back: your answers so far are saved, and this is where you left off.{" "}
            <button type="button" className="font-medium underline" onClick={() => go(0)}>
              Read about this assessment again
            </button>
          </p>
        ) : null}

        {step === 0 ? about : null}
        {step >= 1 && step < lastStep ? <DimensionStep dimension={dimensions[step - 1]!} answers={answers} onAnswer={setAnswer} /> : null}
        {step === lastStep ? (
          <Suspense fallback={null}>
            <ClosingStep
              questionnaire={questionnaire}
              answers={answers}
              onAnswer={setAnswer}
              otherFirst={otherFirst}
              submit={{
                assessmentId,
                missingCount: missing.size,
                openSteps: dimensions.flatMap((dimension, i) => (done(i + 1) ? [] : [{ step: i + 1, name: dimension.name }])),
                closingDone: done(lastStep),
                onGo: go,
                saveNow,
              }}
            />
          </Suspense>
        ) : null}

        <div className="flex justify-between gap-3 border-t border-slate-200 pt-4">
          {step > 0 ? (
            <Button type="button" variant="secondary" onClick={() => go(step - 1)}>
              ← Back
            </Button>
          ) : (
            <span />
          )}
          {step < lastStep ? (
            <Button type="button" onClick={() => go(step + 1)}>
              {step === 0 ? "Start" : "Next →"}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
