import { ButtonLink } from "@/components/ui/button";

// Inside the app's layout: its header (navigation, a way back) and its <main> are already on the
// page, so this adds neither a second landmark nor a second logo.
export default function InAppNotFound() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold tracking-tight">Not found</h1>
      <p className="text-slate-700">There is nothing here, or it is not yours to see. The menu above has everything that is.</p>
      <ButtonLink href="/">Go home</ButtonLink>
    </div>
  );
}
