"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ActionError } from "@/app/_components/action-error";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import type { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";

/** The condition a returned key comes back in (also asked when a leaver's key is taken back). */
export function ConditionField({
  condition,
  onCondition,
  inputClassName,
}: {
  condition: string;
  onCondition: (value: string) => void;
  inputClassName: string;
}) {
  return (
    <label className="mt-3 block font-medium text-slate-700">
      Condition
      <select value={condition} onChange={(e) => onCondition(e.target.value)} className={inputClassName}>
        <option value="good">Good</option>
        <option value="worn">Worn</option>
        <option value="damaged">Damaged</option>
      </select>
    </label>
  );
}

/** The condition and optional reason asked when a key comes back (check in from a user's or a key's page). */
export function ReturnFields({
  condition,
  onCondition,
  reason,
  onReason,
  inputClassName,
}: {
  condition: string;
  onCondition: (value: string) => void;
  reason: string;
  onReason: (value: string) => void;
  inputClassName: string;
}) {
  return (
    <>
      <ConditionField condition={condition} onCondition={onCondition} inputClassName={inputClassName} />
      <label className="mt-3 block font-medium text-slate-700">
        Reason (optional)
        <input value={reason} onChange={(e) => onReason(e.target.value)} className={inputClassName} />
      </label>
    </>
  );
}

/**
 * Checking a key in from a user's or a key's page (assignment.returnKey): it asks the condition and an
 * optional reason; `children` say what happens. `action` is the page's useAction, so one busy state and one
 * error line serve all of its dialogs; `reason` is the page's too (its other dialogs ask one).
 */
export function CheckInDialog({
  k,
  open,
  confirmLabel,
  action,
  reason,
  onReason,
  onCancel,
  onDone,
  inputClassName,
  children,
}: {
  k: { id: string; serial: string; version: number };
  open: boolean;
  confirmLabel: string;
  action: ReturnType<typeof useAction>;
  reason: string;
  onReason: (value: string) => void;
  onCancel: () => void;
  onDone: () => void;
  inputClassName: string;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const returnKey = useMutation(trpc.assignment.returnKey.mutationOptions());
  const [condition, setCondition] = useState("good");
  const confirm = () =>
    action.run(
      () =>
        returnKey.mutateAsync({ keyId: k.id, version: k.version, condition, reason: reason || undefined }),
      onDone,
    );
  return (
    <ConfirmDialog
      open={open}
      tone="neutral"
      title={`Check in ${k.serial}?`}
      confirmLabel={confirmLabel}
      isBusy={action.isBusy}
      onCancel={onCancel}
      onConfirm={confirm}
    >
      {children}
      <ReturnFields
        condition={condition}
        onCondition={setCondition}
        reason={reason}
        onReason={onReason}
        inputClassName={inputClassName}
      />
      <ActionError error={action.error} className="mt-2 text-red-700" />
    </ConfirmDialog>
  );
}
