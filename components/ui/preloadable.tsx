"use client";

import { lazy, useState, type ComponentType } from "react";

/**
 * `React.lazy` for a part fetched ahead of need (`preload()` once the page is up). A lazy
 * component suspends on its first render even when its chunk is already in, for as long as the
 * promise takes to settle; for a step of a form that gap is seen: the step's heading shows and
 * takes the focus, and a Tab or a click lands past the questions that are not there yet. Once the
 * chunk is in, this renders the component at once. A component that mounted through the lazy
 * path stays on it, so nothing of its state is lost by switching.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined; // a later render or preload tries again
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Preloadable(props: P) {
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return { Component: Preloadable, preload };
}
