import { useLayoutEffect, type RefObject } from "react";

// A field the server rendered takes typing before React hydrates it. React keeps an input's
// typed text in the DOM but not in state (the next render puts the state back), and it puts a
// textarea that had text back to that text as it hydrates. So what is typed into a part of a
// page that hydrates later (a chunk of its own) is recorded as it is typed, and the field's
// component takes it over when it hydrates.

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const typed = new WeakMap<EventTarget, string>();
let recording = false;

/**
 * Records what is typed into any field from now on. Call it in the browser before the chunks
 * are fetched. On window, capturing: React stops an event at its root while the part of the
 * page it happened in has not hydrated yet.
 */
export function recordTypingBeforeHydration() {
  if (recording) return;
  recording = true;
  window.addEventListener(
    "input",
    (e) => {
      const field = e.target as Partial<Field> | null;
      if (typeof field?.value === "string") typed.set(e.target!, field.value);
    },
    true,
  );
}

// A textarea's value has \n line ends; server text may have \r\n.
const same = (a: string, b: string) => a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");

/**
 * Once the field hydrates (or mounts), hands `adopt` what was typed into it before, if that
 * differs from `value`, what the server rendered. An input typed into before anything recorded
 * it still holds the text; a textarea that had text does not.
 */
export function useTypedBeforeHydration(ref: RefObject<Field | null>, value: string, adopt: (typed: string) => void) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const text = typed.get(el) ?? el.value;
    typed.delete(el);
    if (!same(text, value)) adopt(text);
    // Only on mount: what was there before React took the field over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
