import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server renders and while the browser hydrates the page, true once this
 * component handles input. A control whose change is sent to the server can stay disabled
 * until then: a click on the server-rendered HTML before hydration would otherwise be undone by
 * hydration (a controlled checkbox goes back to its value) and silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
