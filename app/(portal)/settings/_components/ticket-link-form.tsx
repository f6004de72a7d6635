"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { inputClass } from "@/app/_components/form-field";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { ticketUrlTemplateSchema } from "@/server/modules/settings/helpdesk-settings.schemas";
import { ActionError } from "@/app/_components/action-error";
import { primaryButton } from "@/app/_components/styles";

/**
 * The link from a case's ticket reference to the ticket system: an https address with {ticket} where the
 * reference goes. Empty: references stay plain text. Admins change it; security leads read it.
 */
export function TicketLinkForm({ template, canEdit }: { template: string | null; canEdit: boolean }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.settings.setHelpdesk.mutationOptions());
  const { run, isBusy, error, setError } = useAction();
  const [value, setValue] = useState(template ?? "");
  const [notice, setNotice] = useState<string | null>(null);

  if (!canEdit)
    return (
      <p className="text-sm" data-testid="ticket-link">
        {template ? (
          <code className="break-all text-xs">{template}</code>
        ) : (
          "Not set: ticket references are plain text."
        )}
      </p>
    );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setNotice(null);
    const next = value.trim() || null;
    if (next) {
      const parsed = ticketUrlTemplateSchema.safeParse(next);
      if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    }
    await run(
      () => save.mutateAsync({ ticketUrlTemplate: next }),
      () =>
        setNotice(
          next
            ? "Saved: ticket references on cases now link to the ticket system."
            : "Removed: ticket references are plain text.",
        ),
    );
  }
  return (
    <form onSubmit={submit} aria-label="Ticket system link" data-testid="ticket-link">
      <label className="block text-sm font-medium text-slate-700">
        Ticket address
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="https://tickets.example.com/browse/{ticket}"
          maxLength={500}
          autoComplete="off"
          className={inputClass}
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">
          An https:// address with {"{ticket}"} where the case&apos;s ticket reference goes. Leave it empty to
          show references as plain text.
        </span>
      </label>
      <ActionError error={error} className="mt-2 text-sm text-red-700" />
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={isBusy} className={primaryButton}>
          {isBusy ? "Saving…" : "Save ticket link"}
        </button>
        {notice ? (
          <span role="status" className="text-sm text-emerald-700">
            {notice}
          </span>
        ) : null}
      </div>
    </form>
  );
}
