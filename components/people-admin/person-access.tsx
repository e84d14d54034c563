"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

// Roles and status on a person's page. Each change is one clear button; deactivating asks to
// confirm first and says what will happen. The server enforces every rule again (only owners
// touch the owner role, the organization keeps an owner, nobody deactivates themselves).

export function PersonRoles({
  person,
  viewer,
}: {
  person: { id: string; name: string; roles: string[]; deactivated: boolean };
  viewer: { isOwner: boolean; isSelf: boolean };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const hr = useMutation(trpc.people.setHrAdmin.mutationOptions({ onSuccess }));
  const owner = useMutation(trpc.people.setOwner.mutationOptions({ onSuccess }));
  const isHr = person.roles.includes("hr_admin");
  const isOwner = person.roles.includes("owner");
  const error = hr.error ?? owner.error;
  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p>
          <span className="font-medium text-slate-900">HR admin:</span> {isHr ? "yes" : "no"}.{" "}
          <span className="text-slate-600">Runs cycles, sees trends, manages people.</span>
        </p>
        <Button
          type="button"
          variant="secondary"
          disabled={hr.isPending || (!isHr && person.deactivated)}
          onClick={() => {
            owner.reset();
            hr.mutate({ personId: person.id, granted: !isHr });
          }}
        >
          {isHr ? "Remove HR admin role" : "Make HR admin"}
        </Button>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p>
          <span className="font-medium text-slate-900">Owner:</span> {isOwner ? "yes" : "no"}.{" "}
          <span className="text-slate-600">
            {viewer.isOwner ? "Also changes settings and reads the audit log." : "Only an owner can make or unmake an owner."}
          </span>
        </p>
        {viewer.isOwner ? (
          <Button
            type="button"
            variant="secondary"
            disabled={owner.isPending || (!isOwner && person.deactivated)}
            onClick={() => {
              hr.reset();
              owner.mutate({ personId: person.id, granted: !isOwner });
            }}
          >
            {isOwner ? "Remove owner role" : "Make owner"}
          </Button>
        ) : null}
      </div>
      {person.deactivated ? <p className="text-slate-600">Reactivate {person.name} before giving them a role.</p> : null}
      {viewer.isSelf ? <p className="text-slate-600">These are your own roles: removing one takes away your access to what it allows.</p> : null}
      {error ? <Alert>{error.message}</Alert> : null}
    </div>
  );
}

export function PersonStatus({
  person,
  viewer,
}: {
  person: { id: string; name: string; deactivated: boolean; activeReports: number };
  viewer: { isSelf: boolean };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  // Keyboard and screen reader users land on the question, and back on the button after "Cancel".
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const deactivate = useMutation(
    trpc.people.deactivate.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        router.refresh();
      },
    }),
  );
  const reactivate = useMutation(trpc.people.reactivate.mutationOptions({ onSuccess: () => router.refresh() }));

  if (person.deactivated) {
    return (
      <div className="space-y-3 text-sm">
        <p>{person.name} is deactivated: they can&apos;t sign in. Their history is kept.</p>
        {deactivate.isSuccess ? (
          <Alert tone="success">
            Deactivated.{" "}
            {deactivate.data.sessionsEnded > 0
              ? `They were signed out on ${deactivate.data.sessionsEnded === 1 ? "1 device" : `${deactivate.data.sessionsEnded} devices`}.`
              : ""}
            {deactivate.data.reportsWithoutManager > 0
              ? ` ${deactivate.data.reportsWithoutManager === 1 ? "1 person has" : `${deactivate.data.reportsWithoutManager} people have`} no manager now.`
              : ""}
          </Alert>
        ) : null}
        {reactivate.error ? <Alert>{reactivate.error.message}</Alert> : null}
        <Button type="button" variant="secondary" disabled={reactivate.isPending} onClick={() => reactivate.mutate({ personId: person.id })}>
          {reactivate.isPending ? "Reactivating…" : `Reactivate ${person.name}`}
        </Button>
      </div>
    );
  }
  if (viewer.isSelf) return <p className="text-sm">You are active. Another HR admin or owner can deactivate you.</p>;
  return (
    <div className="space-y-3 text-sm">
      <p>Active: {person.name} can sign in.</p>
      {reactivate.isSuccess ? <Alert tone="success">Reactivated. They can sign in again; give them a manager if they have one.</Alert> : null}
      {confirming ? (
        <div role="group" aria-labelledby="deactivate-confirm" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-950">
          <p id="deactivate-confirm" ref={confirmRef} tabIndex={-1} className="font-semibold outline-none">
            Deactivate {person.name}?
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>They are signed out on every device at once and can&apos;t sign in again.</li>
            <li>Their open pairs end. Assessments, 1:1s and notes of those pairs are kept with their two people.</li>
            {person.activeReports > 0 ? (
              <li>
                {person.activeReports === 1 ? "1 person reports" : `${person.activeReports} people report`} to them and will have no manager until you give them
                one.
              </li>
            ) : null}
            <li>They still count in the trends of cycles they took part in. You can reactivate them later.</li>
          </ul>
          {deactivate.error ? <Alert>{deactivate.error.message}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={deactivate.isPending} onClick={() => deactivate.mutate({ personId: person.id })}>
              {deactivate.isPending ? "Deactivating…" : `Deactivate ${person.name}`}
            </Button>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setConfirming(false);
                deactivate.reset();
                requestAnimationFrame(() => openRef.current?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button ref={openRef} type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Deactivate…
        </Button>
      )}
    </div>
  );
}
