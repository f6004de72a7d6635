"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { inputClass } from "@/app/_components/form-field";
import { ActionError } from "@/app/_components/action-error";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { messageConfigSchema, type MessageConfig } from "@/server/modules/messages/messages.schemas";

/** The sending mailbox, the daily cap and how many days before a deadline reminders start. */
export function SendingSettings({ config, canWrite }: { config: MessageConfig; canWrite: boolean }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.messages.setConfig.mutationOptions());
  const { run, isBusy, error, setError } = useAction();
  const [mailbox, setMailbox] = useState(config.mailbox ?? "");
  const [cap, setCap] = useState(String(config.dailyCap));
  const [days, setDays] = useState(String(config.reminderDaysBefore));
  const [saved, setSaved] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const parsed = messageConfigSchema.safeParse({
      mailbox: mailbox.trim() || null,
      dailyCap: Number(cap),
      reminderDaysBefore: Number(days),
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    await run(
      () => save.mutateAsync(parsed.data),
      () => setSaved(true),
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3 text-sm">
      <label className="block">
        <span className="font-medium text-slate-700">Sending mailbox</span>
        <input
          className={inputClass}
          value={mailbox}
          disabled={!canWrite}
          placeholder="keys@contoso.com"
          onChange={(e) => setMailbox(e.target.value)}
        />
        <span className="mt-1 block text-xs text-slate-500">
          Empty: nothing is sent. An Exchange administrator must allow KeyFleet to send as this mailbox only
          (README → Messages to users).
        </span>
      </label>
      <div className="grid grid-cols-2 gap-3">
        <label className="block">
          <span className="font-medium text-slate-700">Daily cap (reminders)</span>
          <input
            className={inputClass}
            inputMode="numeric"
            value={cap}
            disabled={!canWrite}
            onChange={(e) => setCap(e.target.value)}
          />
        </label>
        <label className="block">
          <span className="font-medium text-slate-700">Remind days before the deadline</span>
          <input
            className={inputClass}
            inputMode="numeric"
            value={days}
            disabled={!canWrite}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
      </div>
      {canWrite ? (
        <button
          type="submit"
          disabled={isBusy}
          className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50"
        >
          Save sending settings
        </button>
      ) : null}
      {saved ? (
        <p role="status" className="text-slate-700">
          Saved.
        </p>
      ) : null}
      <ActionError error={error} />
    </form>
  );
}
