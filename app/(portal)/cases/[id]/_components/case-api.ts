"use client";

import { createContext, useContext } from "react";
import { isConflict, messageOf } from "@/app/_lib/problem";
import type { CaseView } from "@/server/modules/cases/cases.schemas";

export type { CaseView };
export type Step = CaseView["steps"][number];

/** Four eyes: whoever approved something on the case does not run its steps that change Entra (the server refuses too). */
export const hasApproved = (view: CaseView, me: string) =>
  view.approvals.some((a) => a.status === "approved" && a.approverId === me);
export const approverNote = "You approved this case, so another agent runs the steps that change Entra.";

/** On a conflict the banner explains; dialogs close so it can be read. */
export type ActResult = { ok: true } | { ok: false; message: string; isConflict: boolean };

/** What every action on the case page shares: the case as last seen, who is looking, and how to act. */
export interface CaseCtx {
  view: CaseView;
  me: string;
  can: {
    write: boolean;
    revoke: boolean;
    approve: boolean;
    issueTap: boolean;
    revokeTap: boolean;
    assign: boolean;
  };
  /** Runs a mutation that returns the case; the new case replaces the old, a CONFLICT raises the banner. */
  act: (call: (version: number) => Promise<CaseView>) => Promise<ActResult>;
  /** Re-read the case (and the passes in Entra) after something changed outside `act`. */
  reload: () => Promise<void>;
  /** Bumped whenever the passes in Entra may have changed. */
  tapsVersion: number;
  /**
   * Opens the TAP dialog. It lives at the top of the page, not in the step: issuing settles the step,
   * and the pass must stay on screen until the agent closes the dialog.
   */
  openTapDialog: (replaceExisting: boolean) => void;
}

export const CaseContext = createContext<CaseCtx | null>(null);

export function useCase(): CaseCtx {
  const ctx = useContext(CaseContext);
  if (!ctx) throw new Error("useCase outside the case page");
  return ctx;
}

/** A concurrent change: someone else acted on the case (or its key) since this page read it. */
export { isConflict, messageOf };
