"use client";

import { Card } from "@/components/ui/card";
import { SaveStatusLine } from "@/components/ui/save-status";
import type { SaveStatus } from "@/components/ui/use-autosave";
import type { Answers, AnswerValue } from "@/server/assessments/answers";
import type { Question, Questionnaire } from "./questionnaire";
import { RadioQuestion } from "./scale-question";

export interface StepProgress {
  answered: number;
  total: number;
}

/** The steps beside the form on wide screens, each with how far it is answered. */
export function StepNav({
  names,
  step,
  progressOf,
  onGo,
}: {
  names: string[];
  step: number;
  progressOf: (step: number) => StepProgress;
  onGo: (step: number) => void;
}) {
  return (
    <nav aria-label="Assessment steps" className="hidden lg:block">
      <ol className="space-y-1 text-sm">
        {names.map((name, i) => {
          const progress = progressOf(i);
          return (
            <li key={name}>
              <button
                type="button"
                onClick={() => onGo(i)}
                aria-current={i === step ? "step" : undefined}
                className={`flex min-h-9 w-full items-center justify-between rounded-lg px-3 text-left ${i === step ? "bg-brand-50 font-semibold text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
              >
                <span>{name}</span>
                {i > 0 && progress.answered === progress.total ? (
                  <span className="text-emerald-700">
                    <span aria-hidden="true">✓</span>
                    <span className="sr-only">{" complete"}</span>
                  </span>
                ) : i > 0 && progress.answered > 0 ? (
                  // Half done: how far, so a return visit sees where to go on.
                  <span className="rounded-full bg-amber-50 px-2 text-xs font-medium text-amber-900 ring-1 ring-amber-200">
                    <span className="sr-only">{" partly answered: "}</span>
                    {progress.answered} of {progress.total}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Where the person is, how much is answered, and whether it is saved: stays in view while scrolling. */
export function ProgressHeader({ step, dimensionCount, overall, status }: { step: number; dimensionCount: number; overall: StepProgress; status: SaveStatus }) {
  return (
    <div className="sticky top-0 z-10 -mx-4 space-y-2 border-b border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:px-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-sm font-medium text-slate-800">
          {step >= 1 && step <= dimensionCount ? `${step} of ${dimensionCount}` : step === 0 ? "Before you start" : "Last step"}
          <span className="text-slate-600">
            {" "}
            · {overall.answered} of {overall.total} answered
          </span>
        </p>
        <SaveStatusLine status={status} subject="answers" />
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${(overall.answered / overall.total) * 100}%` }} />
      </div>
    </div>
  );
}

export function QuestionCard({ question, answers, onAnswer }: { question: Question; answers: Answers; onAnswer: (key: string, value: AnswerValue) => void }) {
  return (
    <Card className={question.prediction ? "border-brand-100 bg-brand-50/40 p-4 sm:p-5" : "p-4 sm:p-5"}>
      <RadioQuestion
        name={question.key}
        legend={question.legend}
        options={question.options}
        value={answers[question.key]}
        onChange={(value) => onAnswer(question.key, value)}
        columns={question.columns}
      />
    </Card>
  );
}

export function DimensionStep({
  dimension,
  answers,
  onAnswer,
}: {
  dimension: Questionnaire["dimensions"][number];
  answers: Answers;
  onAnswer: (key: string, value: AnswerValue) => void;
}) {
  return (
    <div className="space-y-6">
      <p className="text-slate-700">{dimension.about}</p>
      {dimension.questions.map((question) => (
        <QuestionCard key={question.key} question={question} answers={answers} onAnswer={onAnswer} />
      ))}
    </div>
  );
}
