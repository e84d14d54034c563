"use client";

import { Card } from "@/components/ui/card";
import type { Answers, AnswerValue } from "@/server/assessments/answers";
import type { Question, Questionnaire } from "./questionnaire";
import { RadioQuestion } from "./scale-question";

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
