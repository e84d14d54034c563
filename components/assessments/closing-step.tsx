"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import type { Answers, AnswerValue } from "@/server/assessments/answers";
import { QuestionCard } from "./assessment-steps";
import type { Questionnaire } from "./questionnaire";

/** The last step: the closing questions, the optional topics, and submitting. */
export function ClosingStep({
  questionnaire,
  answers,
  onAnswer,
  otherFirst,
  submit,
}: {
  questionnaire: Questionnaire;
  answers: Answers;
  onAnswer: (key: string, value: AnswerValue | null) => void;
  otherFirst: string;
  submit: SubmitProps;
}) {
  const { topics } = questionnaire;
  return (
    <div className="space-y-6">
      {questionnaire.closing.map((question) => (
        <QuestionCard key={question.key} question={question} answers={answers} onAnswer={onAnswer} />
      ))}
      <Card className="p-4 sm:p-5">
        <label htmlFor="topics" className="mb-2 block font-medium text-slate-900">
          {topics.label}
        </label>
        <p id="topics-hint" className="mb-2 text-sm text-slate-600">
          Only {otherFirst} will see this, after you have both submitted. It can become an item on your next 1:1&apos;s agenda.
        </p>
        <textarea
          id="topics"
          aria-describedby="topics-hint"
          rows={4}
          maxLength={topics.maxLength}
          value={typeof answers[topics.key] === "string" ? String(answers[topics.key]) : ""}
          onChange={(e) => onAnswer(topics.key, e.target.value)}
          className="block w-full rounded-lg border border-slate-300 bg-white p-3 text-base"
        />
      </Card>
      <SubmitAnswers otherFirst={otherFirst} {...submit} />
    </div>
  );
}

interface SubmitProps {
  assessmentId: string;
  /** Required questions without an answer. */
  missingCount: number;
  /** The steps that still have one, to go back to (`closingDone`: none on this one). */
  openSteps: { step: number; name: string }[];
  closingDone: boolean;
  onGo: (step: number) => void;
  /** Sends every unsaved answer; resolves true when none is left. */
  saveNow: () => Promise<boolean>;
}

/** Whether the other person may see "choose again", a confirmation, and the submission itself. */
function SubmitAnswers({ assessmentId, missingCount, openSteps, closingDone, onGo, saveNow, otherFirst }: SubmitProps & { otherFirst: string }) {
  const router = useRouter();
  const client = useTRPCClient();
  const [share, setShare] = useState<"yes" | "no" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const shareName = useId();

  async function submit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (!(await saveNow())) {
        setSubmitError("Some answers are not saved yet, so nothing was submitted. Check your connection and try again.");
        return;
      }
      const result = await client.assessments.submit.mutate({ assessmentId, shareChooseAgain: share === "yes" });
      router.push(result.revealed ? `/assessments/${assessmentId}/results` : `/assessments/${assessmentId}?submitted=1`);
      router.refresh();
    } catch (err) {
      setSubmitError(err instanceof TRPCClientError ? err.message : "Submitting failed. Your answers are saved; try again in a moment.");
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Card className="space-y-4 p-4 sm:p-5">
      <h3 className="text-lg font-semibold">Submit</h3>
      {missingCount > 0 ? (
        <div className="space-y-2 text-sm text-slate-800">
          <p>
            {missingCount} {missingCount === 1 ? "question is" : "questions are"} still open. Answer each, or mark it &ldquo;Can&apos;t say&rdquo;:
          </p>
          <ul className="flex flex-wrap gap-2">
            {openSteps.map(({ step, name }) => (
              <li key={step}>
                <button
                  type="button"
                  onClick={() => onGo(step)}
                  className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-brand-800 hover:bg-slate-100"
                >
                  {name}
                </button>
              </li>
            ))}
            {closingDone ? null : <li className="flex min-h-11 items-center px-1 font-medium">and the questions above</li>}
          </ul>
        </div>
      ) : null}
      <fieldset>
        <legend className="mb-2 font-medium text-slate-900">May {otherFirst} see your answer to &ldquo;would you choose them again?&rdquo;</legend>
        <p className="mb-2 text-sm text-slate-600">Either way it counts, anonymized, in your organization&apos;s totals.</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          {(["yes", "no"] as const).map((choice) => (
            <label
              key={choice}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name={shareName}
                value={choice}
                checked={share === choice}
                onChange={() => setShare(choice)}
                className="size-4 accent-brand-700"
              />
              {choice === "yes" ? `Yes, ${otherFirst} may see it` : "No, keep it to myself"}
            </label>
          ))}
        </div>
      </fieldset>
      {submitError ? <Alert>{submitError}</Alert> : null}
      {confirming ? (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="confirm-text"
          className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 outline-none"
        >
          <p id="confirm-text" className="text-sm text-amber-950">
            Submit for good? You can&apos;t change your answers afterwards. {otherFirst} sees them once they have submitted too.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => void submit()} disabled={submitting}>
              {submitting ? "Submitting…" : "Yes, submit my answers"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={submitting}>
              Not yet
            </Button>
          </div>
        </div>
      ) : (
        <Button
          type="button"
          disabled={missingCount > 0 || share === null}
          onClick={() => {
            setConfirming(true);
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
        >
          Submit…
        </Button>
      )}
      {missingCount === 0 && share === null ? (
        <p className="text-sm text-slate-600">Choose whether {otherFirst} may see your &ldquo;choose again&rdquo; answer to submit.</p>
      ) : null}
    </Card>
  );
}
