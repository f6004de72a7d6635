"use client";

import { Copy, ShieldAlert } from "lucide-react";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { secondaryButton } from "@/app/_components/styles";

export interface IssuedTap {
  pass: string;
  startAt: Date;
  expiresAt: Date;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

/** The pass, once: read it to the user now. Closing removes it for good (nothing keeps a copy). */
export function TapOnce({
  tap,
  onDone,
  isAskingToClose,
  onKeep,
  onConfirmClose,
}: {
  tap: IssuedTap;
  /** The agent wants to close: the dialog asks first (isAskingToClose). */
  onDone: () => void;
  isAskingToClose: boolean;
  onKeep: () => void;
  onConfirmClose: () => void;
}) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(tap.pass);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="mt-2 text-sm text-slate-700">
      <p className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-amber-900">
        <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        Shown once. KeyFleet does not store it: give it to the user now (over the verified channel). When you
        close this dialog it is gone.
      </p>
      <div className="mt-4 flex items-center gap-3">
        <output
          aria-label="Temporary Access Pass"
          data-testid="tap-value"
          className="flex-1 select-all rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-center font-mono text-2xl tracking-wider text-slate-900"
        >
          {tap.pass}
        </output>
        <button
          type="button"
          onClick={copy}
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 font-medium hover:bg-slate-50"
        >
          <Copy aria-hidden className="size-4" /> Copy
        </button>
      </div>
      <p role="status" className="mt-1 h-4 text-xs text-slate-500">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "Could not copy: select the pass and copy it by hand."
            : ""}
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1" data-testid="tap-expiry">
        <dt className="text-slate-500">Valid from</dt>
        <dd>{formatDateTime(tap.startAt)}</dd>
        <dt className="text-slate-500">Expires</dt>
        <dd className="font-medium">
          {formatDateTime(tap.expiresAt)} ({tap.lifetimeInMinutes} minutes)
        </dd>
        <dt className="text-slate-500">Use</dt>
        <dd>{tap.isUsableOnce ? "One sign-in only" : "Any number of sign-ins until it expires"}</dd>
      </dl>
      {isAskingToClose ? (
        <div
          role="alertdialog"
          aria-labelledby="tap-close-q"
          data-testid="tap-close-confirm"
          className="-mx-6 -mb-6 mt-5 border-t border-red-200 bg-red-50 px-6 py-3"
        >
          <p id="tap-close-q" className="font-medium text-red-900">
            The pass will not be shown again. Has the user got it?
          </p>
          <p className="mt-1 text-red-900">
            A new pass means revoking this one and issuing another, which counts against your hourly limit.
          </p>
          <div className="mt-3 flex justify-end gap-2">
            <button type="button" onClick={onKeep} autoFocus className={secondaryButton}>
              Keep showing the pass
            </button>
            <button
              type="button"
              onClick={onConfirmClose}
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700"
            >
              Close and forget the pass
            </button>
          </div>
        </div>
      ) : (
        <div className="-mx-6 -mb-6 mt-5 flex justify-end border-t border-slate-200 bg-slate-50 px-6 py-3">
          <button
            type="button"
            onClick={onDone}
            autoFocus
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            Done — close and forget the pass
          </button>
        </div>
      )}
    </div>
  );
}
