import type { Metadata } from "next";
import { callName } from "@/server/people/call-name";
import { PageHeader } from "@/components/ui/page-header";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card } from "@/components/ui/card";
import {
  AGREEMENT_SCALE,
  CANT_SAY,
  CANT_SAY_LABEL,
  getItemBank,
  personalize,
  PREDICTION_SCALE,
  predictionKey,
  type ChoiceQuestion,
  type Dimension,
  type Side,
} from "@/server/assessments/item-bank";
import { getCaller, orNotFound } from "@/server/trpc/server";
import { assessmentTitle } from "@/server/assessments/state";

export const metadata: Metadata = { title: "Results" };

const revealedAt = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

function scaleLabel(value: number | string | undefined, scale: typeof AGREEMENT_SCALE | typeof PREDICTION_SCALE) {
  if (value === undefined) return "—";
  if (value === CANT_SAY) return CANT_SAY_LABEL;
  const option = scale.find((o) => o.value === value);
  return option ? `${option.label} (${option.value})` : String(value);
}

// Trust and goal alignment lead (PRODUCT.md §3).
function ordered(dimensions: Dimension[]) {
  const lead: string[] = ["trust", "goals"];
  const rank = (key: string) => (lead.includes(key) ? lead.indexOf(key) : lead.length);
  return [...dimensions].sort((a, b) => rank(a.key) - rank(b.key));
}

interface Row {
  key: string;
  label: string;
  mine: React.ReactNode;
  theirs: React.ReactNode;
  highlight?: boolean;
}

/** Both people's answers per question: a table from small screens up, a stacked list on a phone. */
function Comparison({ caption, rows, otherLabel }: { caption: string; rows: Row[]; otherLabel: string }) {
  return (
    <Card>
      <ul className="divide-y divide-slate-100 sm:hidden">
        {rows.map((row) => (
          <li key={row.key} className={`p-3 ${row.highlight ? "bg-brand-50/40" : ""}`}>
            <p className="text-sm text-slate-900">{row.label}</p>
            <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-600">You</dt>
                <dd className="font-medium">{row.mine}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{otherLabel}</dt>
                <dd className="font-medium">{row.theirs}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-left text-sm sm:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="p-3 font-medium">
              Question
            </th>
            <th scope="col" className="w-40 p-3 font-medium">
              You
            </th>
            <th scope="col" className="w-40 p-3 font-medium">
              {otherLabel}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key} className={row.highlight ? "bg-brand-50/40" : undefined}>
              <th scope="row" className="p-3 font-normal">
                {row.label}
              </th>
              <td className="p-3">{row.mine}</td>
              <td className="p-3">{row.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export default async function ResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const results = await orNotFound((await getCaller()).assessments.results({ assessmentId: id }));
  const bank = getItemBank(results.bankVersion);
  const me: Side = results.mySide;
  const them: Side = me === "manager" ? "employee" : "manager";
  const mine = results.sides[me];
  const theirs = results.sides[them];
  const first = callName(theirs);
  const text = (mirrored: { employee: string; manager: string }) => personalize(mirrored[me], theirs);
  const choice = (question: ChoiceQuestion, value: number | string | undefined, side: Side) => {
    const option = question.options.find((o) => o.value === value);
    return option ? personalize(option.label[side], side === me ? theirs : mine) : "—";
  };

  return (
    <div className="space-y-8">
      <PageHeader eyebrow={assessmentTitle(results.cycle?.name)} title={`Your results with ${theirs.name}`}>
        Revealed to you both on {revealedAt.format(results.revealedAt)}. Only the two of you can see these answers.
      </PageHeader>
      <p>
        <Link href={`/pairs/${results.pairId}?assessment=${results.id}`} className="font-medium text-brand-800 underline">
          See where you see things differently, on your dashboard
        </Link>
      </p>

      <section aria-labelledby="overall" className="space-y-3">
        <h2 id="overall" className="text-lg font-semibold">
          Overall
        </h2>
        <Comparison
          caption={`Overall answers of you and ${first}`}
          otherLabel={first}
          rows={[
            {
              key: bank.chooseAgain.key,
              label: text(bank.chooseAgain.text),
              mine: choice(bank.chooseAgain, mine.answers[bank.chooseAgain.key], me),
              theirs: theirs.chooseAgainShared ? (
                choice(bank.chooseAgain, theirs.answers[bank.chooseAgain.key], them)
              ) : (
                <span className="font-normal text-slate-600">{first} chose not to share this</span>
              ),
            },
            {
              key: bank.stance.key,
              label: text(bank.stance.text),
              mine: choice(bank.stance, mine.answers[bank.stance.key], me),
              theirs: choice(bank.stance, theirs.answers[bank.stance.key], them),
            },
            {
              key: bank.meetings.key,
              label: text(bank.meetings.text),
              mine: choice(bank.meetings, mine.answers[bank.meetings.key], me),
              theirs: choice(bank.meetings, theirs.answers[bank.meetings.key], them),
            },
          ]}
        />
      </section>

      {ordered(bank.dimensions).map((dimension) => (
        <section key={dimension.key} aria-labelledby={`dim-${dimension.key}`} className="space-y-3">
          <h2 id={`dim-${dimension.key}`} className="text-lg font-semibold">
            {dimension.name}
          </h2>
          <Comparison
            caption={`${dimension.name}: your answers and ${first}'s`}
            otherLabel={first}
            rows={[
              ...dimension.items.map((item) => ({
                key: item.key,
                label: text(item.text),
                mine: scaleLabel(mine.answers[item.key], AGREEMENT_SCALE),
                theirs: scaleLabel(theirs.answers[item.key], AGREEMENT_SCALE),
              })),
              {
                key: predictionKey(dimension.key),
                label: `How each of you expected the other to rate ${dimension.name.toLowerCase()}`,
                mine: scaleLabel(mine.answers[predictionKey(dimension.key)], PREDICTION_SCALE),
                theirs: scaleLabel(theirs.answers[predictionKey(dimension.key)], PREDICTION_SCALE),
                highlight: true,
              },
            ]}
          />
        </section>
      ))}

      <section aria-labelledby="topics" className="space-y-3">
        <h2 id="topics" className="text-lg font-semibold">
          What you would like to talk about
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {[
            { label: "You", text: mine.answers[bank.topics.key] },
            { label: first, text: theirs.answers[bank.topics.key] },
          ].map((topics) => (
            <Card key={topics.label} className="p-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-700">{topics.label}</h3>
              <p className="whitespace-pre-wrap text-slate-900">
                {typeof topics.text === "string" && topics.text ? topics.text : <span className="text-slate-600">Nothing added.</span>}
              </p>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
