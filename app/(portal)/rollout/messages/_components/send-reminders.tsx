"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { ActionError } from "@/app/_components/action-error";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";

type Plan = RouterOutputs["messages"]["reminderPlan"];
type Run = RouterOutputs["messages"]["sendReminders"];

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/** Today's reminder figures and "Send reminders now", which first says how many people will get one. */
export function SendReminders({ plan, canSend }: { plan: Plan; canSend: boolean }) {
  const trpc = useTRPC();
  const send = useMutation(trpc.messages.sendReminders.mutationOptions());
  const { run, isBusy, error, setError } = useAction();
  const [isOpen, setOpen] = useState(false);
  const [done, setDone] = useState<Run | null>(null);
  const figures = [
    ["Due a reminder", plan.eligible],
    ["Opted out", plan.optedOut],
    ["No mail address", plan.noMail],
    ["Already reminded today", plan.alreadyToday],
    ["Left under today's cap", plan.capRemaining],
  ] as const;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
        {figures.map(([label, n]) => (
          <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{n}</dd>
          </div>
        ))}
      </dl>
      {done ? (
        <p role="status" className="text-sm text-slate-700">
          Sent {done.sent}.{done.failed ? ` ${done.failed} could not be sent: see the send log.` : ""}
          {done.leftByCap ? ` ${people(done.leftByCap)} left for tomorrow: the daily cap was reached.` : ""}
        </p>
      ) : null}
      {canSend ? (
        <button
          type="button"
          disabled={plan.willSend === 0 || plan.problem !== null}
          onClick={() => {
            setError(null);
            setOpen(true);
          }}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-300"
        >
          Send reminders now…
        </button>
      ) : null}
      {plan.willSend === 0 && !plan.problem && !done ? (
        <p className="text-sm text-slate-600">
          {plan.leftByCap
            ? `Today's cap is reached: ${people(plan.leftByCap)} get their reminder tomorrow.`
            : "Nobody is due a reminder right now."}
        </p>
      ) : null}
      <ConfirmDialog
        open={isOpen}
        tone="neutral"
        title="Send registration reminders"
        confirmLabel={`Send ${plan.willSend} ${plan.willSend === 1 ? "reminder" : "reminders"}`}
        isBusy={isBusy}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          run(
            () => send.mutateAsync(),
            (r) => {
              setDone(r);
              setOpen(false);
            },
          )
        }
      >
        <p>
          {people(plan.willSend)} will get the registration reminder by mail now.
          {plan.leftByCap
            ? ` ${people(plan.leftByCap)} more are over today's cap and wait for tomorrow.`
            : ""}
          {plan.optedOut ? ` ${people(plan.optedOut)} opted out and will not get it.` : ""}
        </p>
        <p className="mt-2">Nobody gets it twice today. Nothing changes in Entra.</p>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </div>
  );
}
