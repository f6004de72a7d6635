"use client";

import type { ReactNode } from "react";
import { primaryButton } from "./styles";

/** A button whose action takes a while: disabled meanwhile, saying what it is doing ("Saving…"). */
export function BusyButton({
  isBusy,
  busyLabel,
  onClick,
  className = primaryButton,
  children,
}: {
  isBusy: boolean;
  busyLabel: string;
  onClick: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" onClick={onClick} disabled={isBusy} className={className}>
      {isBusy ? busyLabel : children}
    </button>
  );
}
