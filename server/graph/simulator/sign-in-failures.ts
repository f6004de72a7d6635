// Failed sign-ins with a FIDO2 security key (docs/SECURITY-LEAD.md): a test (or a demo) adds them to the
// tenant's log; the log serves them with their error code, the failed step and the key's model.
import type { TenantState } from "./model";
import { guid } from "./random";
import { findUser } from "./routes-directory";

export interface KeyFailureInput {
  userId: string;
  /** Tenant time (ms). */
  at: number;
  errorCode: number;
  failureReason: string;
  /** The key's model as the log names it. */
  model: string;
}

export function addKeyFailures(t: TenantState, failures: KeyFailureInput[]): string[] {
  const ids = failures.map((f) => {
    const u = findUser(t, f.userId);
    if (!u) throw new Error(`no user ${f.userId}`);
    const id = guid(t.random);
    t.signIns.push({
      id,
      at: f.at,
      userIdx: u.idx,
      credentialId: null,
      method: "FIDO2 security key",
      detail: f.model,
      failure: { errorCode: f.errorCode, failureReason: f.failureReason },
    });
    return id;
  });
  t.signIns.sort((a, b) => a.at - b.at);
  return ids;
}
