import { createCallerFactory, router } from "./init";
import { directoryRouter } from "./routers/directory";
import { meRouter } from "./routers/me";

export const appRouter = router({
  me: meRouter,
  directory: directoryRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
