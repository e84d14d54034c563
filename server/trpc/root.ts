import { createCallerFactory, router } from "./init";
import { assessmentsRouter } from "./routers/assessments";
import { cyclesRouter } from "./routers/cycles";
import { directoryRouter } from "./routers/directory";
import { meRouter } from "./routers/me";
import { orgRouter } from "./routers/org";
import { pairsRouter } from "./routers/pairs";

export const appRouter = router({
  me: meRouter,
  directory: directoryRouter,
  assessments: assessmentsRouter,
  cycles: cyclesRouter,
  pairs: pairsRouter,
  org: orgRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
