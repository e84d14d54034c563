import { createCallerFactory, router } from "./init";
import { assessmentsRouter } from "./routers/assessments";
import { cyclesRouter } from "./routers/cycles";
import { directoryRouter } from "./routers/directory";
import { meRouter } from "./routers/me";

export const appRouter = router({
  me: meRouter,
  directory: directoryRouter,
  assessments: assessmentsRouter,
  cycles: cyclesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
