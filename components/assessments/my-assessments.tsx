import { Card } from "@/components/ui/card";
import { firstOf, ShowAllLink, showAllHref, type ShownWhole } from "@/components/ui/show-all";
import type { MyAssessment } from "@/server/assessments/list-my-assessments";
import { AssessmentList } from "./assessment-list";

/** Home shows this many assessments; someone with more (a manager in an open cycle) gets a link to all of them. */
const ASSESSMENTS_SHOWN = 10;

/** Home's assessments: fresh results and the open ones, or how to start a check-in when there are none. */
export function MyAssessments({ assessments, whole }: { assessments: MyAssessment[]; whole: ShownWhole }) {
  const shown = firstOf(assessments, ASSESSMENTS_SHOWN, whole.assessments);
  return (
    <section aria-labelledby="my-assessments">
      <h2 id="my-assessments" className="mb-3 text-lg font-semibold">
        Assessments
      </h2>
      {assessments.length > 0 ? (
        <AssessmentList assessments={shown} />
      ) : (
        <Card className="p-4 text-sm text-slate-700">
          No assessments open right now. Start a check-in with your manager or one of your reports below, whenever you want to take stock together.
        </Card>
      )}
      <ShowAllLink shown={shown.length} total={assessments.length} href={showAllHref(whole, "assessments", "my-assessments")} noun="assessments" />
    </section>
  );
}
