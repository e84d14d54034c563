import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Section } from "@/components/ui/section";
import { DataTable, RowHeader } from "@/components/ui/table";
import {
  AGREEMENT_SCALE,
  CANT_SAY,
  CANT_SAY_LABEL,
  personalize,
  PREDICTION_SCALE,
  predictionKey,
  type ChoiceQuestion,
  type Dimension,
  type ItemBank,
  type Side,
} from "@/server/assessments/item-bank";

// The results page's parts: both people's answers, question by question, once revealed.

/** One side's revealed answers, as `assessments.results` gives them. */
interface RevealedSide {
  name: string;
  givenName: string | null;
  answers: Record<string, number | string>;
  chooseAgainShared: boolean;
}

/** Who reads the page (`me`), the other person, and the other's name as the page calls them. */
export interface ResultsView {
  bank: ItemBank;
  me: Side;
  them: Side;
  mine: RevealedSide;
  theirs: RevealedSide;
  first: string;
}

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
  mine: ReactNode;
  theirs: ReactNode;
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
      <DataTable
        className="hidden w-full text-left text-sm sm:table"
        shaded
        cell="p-3"
        caption={caption}
        columns={["Question", { heading: "You", className: "w-40" }, { heading: otherLabel, className: "w-40" }]}
      >
        {rows.map((row) => (
          <tr key={row.key} className={row.highlight ? "bg-brand-50/40" : undefined}>
            <RowHeader cell="p-3">{row.label}</RowHeader>
            <td className="p-3">{row.mine}</td>
            <td className="p-3">{row.theirs}</td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}

/** The questions and answer labels as this reader reads them (the other named, the sides mirrored). */
function wording({ bank, me, mine, theirs }: ResultsView) {
  const text = (mirrored: { employee: string; manager: string }) => personalize(mirrored[me], theirs);
  const choice = (question: ChoiceQuestion, value: number | string | undefined, side: Side) => {
    const option = question.options.find((o) => o.value === value);
    return option ? personalize(option.label[side], side === me ? theirs : mine) : "—";
  };
  return { bank, text, choice };
}

/** "Would you choose them again?" (only as its author shared it), the stance and the meetings a month. */
export function OverallAnswers({ view }: { view: ResultsView }) {
  const { bank, text, choice } = wording(view);
  const { me, them, mine, theirs, first } = view;
  return (
    <Section id="overall" title="Overall">
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
    </Section>
  );
}

/** Every dimension's statements and both predictions, trust and goal alignment first. */
export function DimensionAnswers({ view }: { view: ResultsView }) {
  const { bank, text } = wording(view);
  const { mine, theirs, first } = view;
  return (
    <>
      {ordered(bank.dimensions).map((dimension) => (
        <Section key={dimension.key} id={`dim-${dimension.key}`} title={dimension.name}>
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
        </Section>
      ))}
    </>
  );
}

/** What each wants to talk about, in their own words. */
export function TopicAnswers({ view }: { view: ResultsView }) {
  const { bank, mine, theirs, first } = view;
  return (
    <Section id="topics" title="What you would like to talk about">
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
    </Section>
  );
}
