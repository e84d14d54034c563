import { Card } from "@/components/ui/card";

// Rendered on the server and handed to the form: static text need not ship as JavaScript.

/** Step 0: what the assessment is and who sees what. */
export function AboutStep({
  otherName,
  otherFirst,
  dueOn,
  trendsCycle,
  minGroupSize,
}: {
  otherName: string;
  otherFirst: string;
  dueOn: string | null;
  trendsCycle: { name: string } | null;
  minGroupSize: number;
}) {
  return (
    <Card className="space-y-4 p-5 text-slate-800">
      <p>
        You and {otherName} answer the same questions, each from your own side. It takes about ten minutes{dueOn ? `, and it is open until ${dueOn}` : ""}.
      </p>
      <ul className="list-disc space-y-2 pl-5">
        <li>
          <strong>{otherFirst} won&apos;t see your answers until you have both submitted.</strong> Then you both see both sets at once.
        </li>
        <li>Nobody else ever sees your individual answers: not HR, not your manager&apos;s manager, not an export.</li>
        {trendsCycle ? (
          <li>
            HR sees only anonymized totals, and only <strong>after {trendsCycle.name} closes</strong>: each figure from at least{" "}
            <strong>{minGroupSize} people</strong> on each side, for the organization, departments and teams as they stood when the cycle opened. While it is
            open HR sees how many people have answered, never who, and nothing computed from answers.
          </li>
        ) : (
          <li>This check-in stays between the two of you: it never counts in HR&apos;s figures.</li>
        )}
        <li>Your answers save automatically as you go, on any device. Mark a question &ldquo;Can&apos;t say&rdquo; if you can&apos;t answer it.</li>
      </ul>
    </Card>
  );
}
