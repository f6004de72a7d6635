"use client";

import { AlertTriangle, CircleHelp } from "lucide-react";
import { useId, type ReactNode } from "react";
import { Modal } from "./modal";
import { secondaryButton } from "@/app/_components/styles";

/**
 * Every destructive action asks first and says what will happen (in Entra too). Built on Modal (<dialog>):
 * focus is trapped, Escape cancels, and focus returns to the trigger when it closes.
 * `tone`: "danger" (the default, so a forgotten tone errs on the side of caution) for what cannot be
 * taken back: a warning sign and a red button; "neutral" for routine steps (assign, place an order).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "danger",
  isBusy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Names the action ("Delete credential in Entra"), never a bare "Yes" or "OK". */
  confirmLabel: string;
  /** "Cancel" unless the action is itself a cancel ("Cancel order" is answered by "Keep order"). */
  cancelLabel?: string;
  tone?: "danger" | "neutral";
  isBusy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  return (
    <Modal open={open} onClose={onCancel} labelledBy={titleId}>
      <div className="flex gap-4 p-6">
        {tone === "danger" ? (
          <AlertTriangle aria-hidden className="size-6 shrink-0 text-red-600" />
        ) : (
          <CircleHelp aria-hidden className="size-6 shrink-0 text-slate-400" />
        )}
        <div>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-2 text-sm text-slate-600">{children}</div>
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
        <button type="button" onClick={onCancel} className={secondaryButton}>
          {cancelLabel}
        </button>
        <button
          type="button"
          disabled={isBusy}
          onClick={onConfirm}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${tone === "danger" ? "bg-red-600 hover:bg-red-700" : "bg-brand-600 hover:bg-brand-700"}`}
        >
          {isBusy ? "Working…" : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
