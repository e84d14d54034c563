import { z } from "zod";

// Input shapes shared by the routers, so every procedure refuses the same hostile input the
// same way (with a message a person can act on) instead of failing in the database.

/** Text a person typed: no NUL bytes and no broken UTF-16 (Postgres refuses both). */
export function text(options: { max: number; label?: string }) {
  const what = options.label ?? "This text";
  return z
    .string()
    .max(options.max, `${what} can be at most ${options.max} characters.`)
    .refine((s) => !s.includes("\u0000"), `${what} contains a character that can't be stored (NUL).`)
    .refine((s) => s.isWellFormed(), `${what} contains a broken character; please retype it.`);
}

/** An id, compared in lower case everywhere. */
export const id = () => z.uuid().transform((s) => s.toLowerCase());

/** A calendar day within the years Tandem deals in. */
export const day = () =>
  z.iso.date({ error: "Use a date like 2026-12-31." }).refine((d) => d >= "2000-01-01" && d <= "2099-12-31", "Use a date between 2000 and 2099.");
