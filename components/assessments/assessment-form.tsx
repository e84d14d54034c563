"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { missingAnswers, progress } from "@/server/assessment/answers";
import { AGREEMENT_SCALE, getItemBank, personalize, PREDICTION_SCALE, predictionKey, type ChoiceQuestion, type Side } from "@/server/assessment/item-bank";
import { callName, type PersonName } from "@/server/people/call-name";
import { cantSayOption, RadioQuestion } from "./scale-question";
import { SaveStatusIndicator } from "./save-status";
import { useAutosave, type Answers } from "./use-autosave";

interface Props {
  assessmentId: string;
  bankVersion: number;
  side: Side;
  /** The other person of the pair. */
  other: PersonName;
  minGroupSize: number;
  /** The HR cycle this assessment belongs to; null for a check-in, which never reaches HR. */
  trendsCycle: { name: string; closesOn: string } | null;
  dueOn: string | null;
  initialAnswers: Answers;
}

const agreement = [...AGREEMENT_SCALE.map((o) => ({ value: o.value, label: o.label })), cantSayOption];
const prediction = [...PREDICTION_SCALE.map((o) => ({ value: o.value, label: o.label })), cantSayOption];

export function AssessmentForm({ assessmentId, bankVersion, side, other, minGroupSize, trendsCycle, dueOn, initialAnswers }: Props) {
  const bank = getItemBank(bankVersion);
  const router = useRouter();
  const client = useTRPCClient();
  const { answers, setAnswer, status, saveNow } = useAutosave(assessmentId, side, initialAnswers, true);
  const first = callName(other);
  const t = (m: { employee: string; manager: string }) => personalize(m[side], other);

  // Steps: 0 = about, 1..9 = dimensions, 10 = closing questions and submit.
  const dims = bank.dimensions;
  const lastStep = dims.length + 1;
  const stepKeys = (i: number): string[] => {
    if (i === 0) return [];
    if (i === lastStep) return [bank.chooseAgain.key, bank.stance.key];
    const d = dims[i - 1]!;
    return [...(d.key === "contact" ? [bank.meetings.key] : []), ...d.items.map((x) => x.key), predictionKey(d.key)];
  };
  // Coming back to a draft: open on the first step with an unanswered question, not on "About"
  // (from the answers the server sent, so the server's page and the browser's agree).
  const [resume] = useState(() => {
    if (Object.keys(initialAnswers).length === 0) return null;
    const missingAtStart = new Set(missingAnswers(bank, initialAnswers));
    for (let i = 1; i <= lastStep; i++) {
      const key = stepKeys(i).find((k) => missingAtStart.has(k));
      if (key) return { step: i, key };
    }
    return { step: lastStep, key: null };
  });
  const [step, setStep] = useState(resume?.step ?? 0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [step]);
  useEffect(() => {
    // Put the first unanswered question in view and the keyboard on it (focus alone answers nothing).
    if (!resume?.key) return;
    const input = document.querySelector<HTMLInputElement>(`input[name="${CSS.escape(resume.key)}"]`);
    input?.closest("fieldset")?.scrollIntoView({ block: "center" });
    input?.focus({ preventScroll: true });
  }, [resume]);
  const [welcomeBack, setWelcomeBack] = useState(resume !== null);
  const go = (next: number) => {
    moved.current = true;
    setWelcomeBack(false);
    setStep(Math.max(0, Math.min(lastStep, next)));
    window.scrollTo({ top: 0 });
  };

  const missing = missingAnswers(bank, answers);
  const answered = progress(bank, answers);
  const missingSet = new Set(missing);
  /** How many of a step's questions are answered, of how many. */
  const stepProgress = (i: number) => {
    const keys = stepKeys(i);
    return { answered: keys.filter((k) => !missingSet.has(k)).length, total: keys.length };
  };
  const dimensionDone = (i: number) => stepProgress(i + 1).answered === stepProgress(i + 1).total;
  const closingDone = stepProgress(lastStep).answered === stepProgress(lastStep).total;

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

  const choiceCard = (q: ChoiceQuestion, columns: number) => (
    <Card className="p-4 sm:p-5">
      <RadioQuestion
        name={q.key}
        legend={t(q.text)}
        options={q.options.map((o) => ({ value: o.value, label: t(o.label) }))}
        value={answers[q.key]}
        onChange={(v) => setAnswer(q.key, v)}
        columns={columns}
      />
    </Card>
  );

  const stepName = step === 0 ? "About" : step === lastStep ? "Last questions" : dims[step - 1]!.name;

  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Assessment steps" className="hidden lg:block">
        <ol className="space-y-1 text-sm">
          {["About", ...dims.map((d) => d.name), "Last questions"].map((name, i) => {
            const p = stepProgress(i);
            return (
              <li key={name}>
                <button
                  type="button"
                  onClick={() => go(i)}
                  aria-current={i === step ? "step" : undefined}
                  className={`flex min-h-9 w-full items-center justify-between rounded-lg px-3 text-left ${i === step ? "bg-brand-50 font-semibold text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
                >
                  <span>{name}</span>
                  {i > 0 && p.answered === p.total ? (
                    <span className="text-emerald-700">
                      <span aria-hidden="true">✓</span>
                      <span className="sr-only">{" complete"}</span>
                    </span>
                  ) : i > 0 && p.answered > 0 ? (
                    // Half done: how far, so a return visit sees where to go on.
                    <span className="rounded-full bg-amber-50 px-2 text-xs font-medium text-amber-900 ring-1 ring-amber-200">
                      <span className="sr-only">{" partly answered: "}</span>
                      {p.answered} of {p.total}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <div className="min-w-0 space-y-6">
        <div className="sticky top-0 z-10 -mx-4 space-y-2 border-b border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:px-4">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <p className="text-sm font-medium text-slate-800">
              {step >= 1 && step <= dims.length ? `${step} of ${dims.length}` : step === 0 ? "Before you start" : "Last step"}
              <span className="text-slate-600">
                {" "}
                · {answered.answered} of {answered.total} answered
              </span>
            </p>
            <SaveStatusIndicator status={status} />
          </div>
          <div className="h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${(answered.answered / answered.total) * 100}%` }} />
          </div>
        </div>

        <div>
          <h2 ref={headingRef} tabIndex={-1} className="text-xl font-bold tracking-tight outline-none sm:text-2xl">
            {stepName}
          </h2>
          {step > 0 && stepProgress(step).answered > 0 && stepProgress(step).answered < stepProgress(step).total ? (
            <p className="mt-1 text-sm text-amber-900">
              Partly answered: {stepProgress(step).answered} of {stepProgress(step).total} questions in this section
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

        {step === 0 ? (
          <Card className="space-y-4 p-5 text-slate-800">
            <p>
              You and {other.name} answer the same questions, each from your own side. It takes about ten minutes{dueOn ? `, and it is open until ${dueOn}` : ""}.
            </p>
            <ul className="list-disc space-y-2 pl-5">
              <li>
                <strong>{first} won&apos;t see your answers until you have both submitted.</strong> Then you both see both sets at once.
              </li>
              <li>Nobody else ever sees your individual answers: not HR, not your manager&apos;s manager, not an export.</li>
              {trendsCycle ? (
                <li>
                  HR sees only anonymized totals, and only <strong>after {trendsCycle.name} closes</strong>: each figure from at least <strong>{minGroupSize} people</strong> on each
                  side, for the organization, departments and teams as they stood when the cycle opened. While it is open HR sees how many people have answered, never who, and
                  nothing computed from answers.
                </li>
              ) : (
                <li>This check-in stays between the two of you: it never counts in HR&apos;s figures.</li>
              )}
              <li>Your answers save automatically as you go, on any device. Mark a question &ldquo;Can&apos;t say&rdquo; if you can&apos;t answer it.</li>
            </ul>
          </Card>
        ) : null}

        {step >= 1 && step <= dims.length
          ? (() => {
              const d = dims[step - 1]!;
              return (
                <div className="space-y-6">
                  <p className="text-slate-700">{t(d.about)}</p>
                  {d.key === "contact" ? (
                    choiceCard(bank.meetings, 5)
                  ) : null}
                  {d.items.map((item) => (
                    <Card key={item.key} className="p-4 sm:p-5">
                      <RadioQuestion name={item.key} legend={t(item.text)} options={agreement} value={answers[item.key]} onChange={(v) => setAnswer(item.key, v)} columns={6} />
                    </Card>
                  ))}
                  <Card className="border-brand-100 bg-brand-50/40 p-4 sm:p-5">
                    <RadioQuestion
                      name={predictionKey(d.key)}
                      legend={t(d.prediction)}
                      options={prediction}
                      value={answers[predictionKey(d.key)]}
                      onChange={(v) => setAnswer(predictionKey(d.key), v)}
                      columns={6}
                    />
                  </Card>
                </div>
              );
            })()
          : null}

        {step === lastStep ? (
          <div className="space-y-6">
            {choiceCard(bank.chooseAgain, 5)}
            {choiceCard(bank.stance, 3)}
            <Card className="p-4 sm:p-5">
              <label htmlFor="topics" className="mb-2 block font-medium text-slate-900">
                {t(bank.topics.text)}
              </label>
              <p id="topics-hint" className="mb-2 text-sm text-slate-600">
                Only {first} will see this, after you have both submitted. It can become an item on your next 1:1&apos;s agenda.
              </p>
              <textarea
                id="topics"
                aria-describedby="topics-hint"
                rows={4}
                maxLength={bank.topics.maxLength}
                value={typeof answers[bank.topics.key] === "string" ? String(answers[bank.topics.key]) : ""}
                onChange={(e) => setAnswer(bank.topics.key, e.target.value)}
                className="block w-full rounded-lg border border-slate-300 bg-white p-3 text-base"
              />
            </Card>

            <Card className="space-y-4 p-4 sm:p-5">
              <h3 className="text-lg font-semibold">Submit</h3>
              {missing.length > 0 ? (
                <div className="space-y-2 text-sm text-slate-800">
                  <p>
                    {missing.length} {missing.length === 1 ? "question is" : "questions are"} still open. Answer each, or mark it &ldquo;Can&apos;t say&rdquo;:
                  </p>
                  <ul className="flex flex-wrap gap-2">
                    {dims.map((d, i) =>
                      dimensionDone(i) ? null : (
                        <li key={d.key}>
                          <button type="button" onClick={() => go(i + 1)} className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-brand-800 hover:bg-slate-100">
                            {d.name}
                          </button>
                        </li>
                      ),
                    )}
                    {closingDone ? null : <li className="flex min-h-11 items-center px-1 font-medium">and the questions above</li>}
                  </ul>
                </div>
              ) : null}
              <fieldset>
                <legend className="mb-2 font-medium text-slate-900">
                  May {first} see your answer to &ldquo;would you choose them again?&rdquo;
                </legend>
                <p className="mb-2 text-sm text-slate-600">Either way it counts, anonymized, in your organization&apos;s totals.</p>
                <div className="flex flex-col gap-2 sm:flex-row">
                  {(["yes", "no"] as const).map((v) => (
                    <label key={v} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                      <input type="radio" name={shareName} value={v} checked={share === v} onChange={() => setShare(v)} className="size-4 accent-brand-700" />
                      {v === "yes" ? `Yes, ${first} may see it` : "No, keep it to myself"}
                    </label>
                  ))}
                </div>
              </fieldset>
              {submitError ? <Alert>{submitError}</Alert> : null}
              {confirming ? (
                <div ref={confirmRef} tabIndex={-1} role="group" aria-labelledby="confirm-text" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 outline-none">
                  <p id="confirm-text" className="text-sm text-amber-950">
                    Submit for good? You can&apos;t change your answers afterwards. {first} sees them once they have submitted too.
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
                  disabled={missing.length > 0 || share === null}
                  onClick={() => {
                    setConfirming(true);
                    requestAnimationFrame(() => confirmRef.current?.focus());
                  }}
                >
                  Submit…
                </Button>
              )}
              {missing.length === 0 && share === null ? <p className="text-sm text-slate-600">Choose whether {first} may see your &ldquo;choose again&rdquo; answer to submit.</p> : null}
            </Card>
          </div>
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

