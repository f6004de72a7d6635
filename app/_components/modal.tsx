"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal on the native <dialog>: focus is trapped, Escape calls onClose, and focus returns to the
 * trigger when it closes. What it contains (and when it may close) is the caller's business.
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  className = "max-w-md",
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  /** Width classes. */
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-full rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40 ${className}`}
    >
      {children}
    </dialog>
  );
}
