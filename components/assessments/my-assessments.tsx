import { Card } from "@/components/ui/card";
import type { MyAssessment } from "@/server/assessments/list-my-assessments";
import { AssessmentList } from "./assessment-list";

/** Home's assessments: fresh results and the open ones, or how to start a check-in when there are none. */
export function MyAssessments({ assessments }: { assessments: MyAssessment[] }) {
  return (
    <section aria-labelledby="my-assessments">
      <h2 id="my-assessments" className="mb-3 text-lg font-semibold">
        Assessments
      </h2>
      {assessments.length > 0 ? (
        <AssessmentList assessments={assessments} />
      ) : (
        <Card className="p-4 text-sm text-slate-700">
          No assessments open right now. Start a check-in with your manager or one of your reports below, whenever you want to take stock together.
        </Card>
      )}
    </section>
  );
}
