// What one setup check found: shared by permission-checks.ts and mail-send-check.ts (a leaf: imports nothing).

/** too_broad: granted wider than KeyFleet needs (Mail.Send for every mailbox, mail-send-check.ts). */
export type CheckStatus = "granted" | "missing" | "failed" | "not_checked" | "skipped" | "too_broad";

export interface CheckResult {
  id: string;
  feature: string;
  permission: string;
  alternatives: string[];
  call: string;
  status: CheckStatus;
  /** A sentence for a person: cause and next step. Never Graph's own text. */
  detail: string;
}
