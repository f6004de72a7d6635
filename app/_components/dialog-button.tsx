"use client";

import type { ComponentProps, ReactNode } from "react";
import { ActionError } from "./action-error";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * A button and the ConfirmDialog it opens, with the action's error line at the dialog's foot. Opening
 * clears what the last attempt said; Cancel closes it. The caller keeps `open` and `error`, so its action
 * can close the dialog or say what went wrong.
 */
export function DialogButton({
  label,
  buttonClassName,
  setOpen,
  error,
  setError,
  children,
  ...dialog
}: Omit<ComponentProps<typeof ConfirmDialog>, "onCancel"> & {
  label: ReactNode;
  buttonClassName: string;
  setOpen: (open: boolean) => void;
  error: string | null;
  setError: (error: string | null) => void;
}) {
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        className={buttonClassName}
      >
        {label}
      </button>
      <ConfirmDialog {...dialog} onCancel={() => setOpen(false)}>
        {children}
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
