import { useState } from "react";

/**
 * A checkbox whose change is saved on the server and shows at once. The new value is kept in
 * React state in the same event, so the controlled box never flips back while the save starts;
 * it holds until the server's value moves (the reloaded item), and is dropped on an error.
 */
export function useOptimisticToggle() {
  const [pending, setPending] = useState<{ value: boolean; from: boolean } | null>(null);
  return {
    shown: (server: boolean) => (pending && pending.from === server ? pending.value : server),
    set: (value: boolean, server: boolean, save: (value: boolean, onError: () => void) => void) => {
      setPending({ value, from: server });
      save(value, () => setPending(null));
    },
  };
}
