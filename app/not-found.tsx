import { ButtonLink } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <Logo className="text-2xl" />
      <h1 className="text-2xl font-bold tracking-tight">Not found</h1>
      <p className="text-slate-700">There is nothing here, or it is not yours to see.</p>
      <ButtonLink href="/">Go home</ButtonLink>
    </main>
  );
}
