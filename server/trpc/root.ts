import { createCallerFactory, router } from "./init";
import { assessmentsRouter } from "./routers/assessments";
import { cyclesRouter } from "./routers/cycles";
import { directoryRouter } from "./routers/directory";
import { meetingsRouter } from "./routers/meetings";
import { meRouter } from "./routers/me";
import { orgRouter } from "./routers/org";
import { pairsRouter } from "./routers/pairs";
import { peopleRouter } from "./routers/people";
import { peopleImportRouter } from "./routers/people-import";
import { sessionRouter } from "./routers/session";
import { trendsRouter } from "./routers/trends";

export const appRouter = router({
  me: meRouter,
  directory: directoryRouter,
  assessments: assessmentsRouter,
  cycles: cyclesRouter,
  pairs: pairsRouter,
  org: orgRouter,
  people: peopleRouter,
  peopleImport: peopleImportRouter,
  trends: trendsRouter,
  meetings: meetingsRouter,
  session: sessionRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
