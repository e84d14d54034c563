import { Card } from "@/components/ui/card";
import type { ItemBank, Side } from "@/server/assessments/item-bank";
import type { Perspective, RevealedAssessment } from "./perspective";

const STANCE_WORDS: Record<string, string> = { for: "For", with: "With", against: "Against" };

/** The closing questions side by side: choosing each other again, the stance, and the topics each wants to talk about. */
export function ClosingAnswers({ assessment, bank, view }: { assessment: RevealedAssessment; bank: ItemBank; view: Perspective }) {
  const { me, them, otherFirst } = view;
  const chooseAgainLabel = (side: Side) => bank.chooseAgain.options.find((option) => option.value === assessment.chooseAgain[side])?.label[side] ?? null;
  const stanceQuestion =
    me === "manager"
      ? `Does ${otherFirst} work for you, with you, or against you?`
      : `Do you work for ${otherFirst}, with ${otherFirst}, or against ${otherFirst}?`;
  return (
    <>
      <section aria-labelledby="overall" className="grid gap-3 sm:grid-cols-2">
        <h2 id="overall" className="sr-only">
          Overall
        </h2>
        <Card className="space-y-1 p-4">
          <h3 className="text-sm font-semibold text-slate-700">Would you choose each other again?</h3>
          <p>You: {chooseAgainLabel(me) ?? "–"}</p>
          <p>
            {otherFirst}: {chooseAgainLabel(them) ?? <span className="text-slate-600">chose not to share this</span>}
          </p>
        </Card>
        <Card className="space-y-1 p-4">
          <h3 className="text-sm font-semibold text-slate-700">{stanceQuestion}</h3>
          <p>You: {STANCE_WORDS[assessment.stance[me] ?? ""] ?? "–"}</p>
          <p>
            {otherFirst}: {STANCE_WORDS[assessment.stance[them] ?? ""] ?? "–"}
          </p>
        </Card>
      </section>

      <section aria-labelledby="topics" className="space-y-3">
        <h2 id="topics" className="text-lg font-semibold">
          What you would like to talk about
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {[
            { label: "You", text: assessment.topics[me] },
            { label: otherFirst, text: assessment.topics[them] },
          ].map((topics) => (
            <Card key={topics.label} className="p-4">
              <h3 className="mb-1 text-sm font-semibold text-slate-700">{topics.label}</h3>
              <p className="whitespace-pre-wrap">{topics.text ? topics.text : <span className="text-slate-600">Nothing added.</span>}</p>
            </Card>
          ))}
        </div>
      </section>
    </>
  );
}
