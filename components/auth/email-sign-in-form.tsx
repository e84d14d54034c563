"use client";

import { useActionState } from "react";
import { requestSignInLink, type EmailSignInState } from "@/app/sign-in/actions";
import { Button } from "@/components/ui/button";

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<EmailSignInState, FormData>(requestSignInLink, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium text-slate-800">
          Work email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "email-error" : undefined}
          className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base aria-invalid:border-red-600"
        />
        {state.error ? (
          <p id="email-error" role="alert" className="mt-1 text-sm text-red-700">
            {state.error}
          </p>
        ) : null}
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
