import type { Actor } from "@/server/auth/actor";
import { authenticatorName } from "@/server/catalog";
import type { Db, Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { CaseStatusName as CaseStatus, CaseView } from "./cases.schemas";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { DEFAULT_STEP_LEASE_MS, type CasesDeps } from "./cases.deps";
import { toCaseView } from "./case-view";
import { requirementsFor } from "./requirements";
import { ticketUrlFor } from "@/server/modules/settings/helpdesk-settings.schemas";
import { allButCloseSettled } from "./step-plan";
import { formatUtc } from "@/server/lib/date-range";

// What every case service shares: loading a case, the guards every action passes, and the view.

export { DEFAULT_STEP_LEASE_MS, type CasesDeps };

export async function loadCase(db: Db, deps: Pick<CasesDeps, "repo">, id: string): Promise<CaseRow> {
  const c = await deps.repo.caseById(db, id);
  if (!c) throw new AppError("NOT_FOUND", `No case with id ${id}.`);
  return c;
}

/** Keys (or passkeys) the user still signs in with, outside this case: the backup path. */
export async function otherWorkingKeys(
  db: Db,
  deps: Pick<CasesDeps, "repo">,
  userId: string,
  caseKeyIds: readonly string[],
  caseCredentialIds: readonly string[] = [],
) {
  const creds = await deps.repo.liveCredentials(db, userId);
  return creds
    .filter((c) => !caseCredentialIds.includes(c.id) && (!c.keyId || !caseKeyIds.includes(c.keyId)))
    .map((c) => ({
      id: c.keyId ?? c.id,
      serial: c.key?.serial ?? `unlinked credential "${c.displayName ?? c.model ?? c.methodId}"`,
      model: authenticatorName(c.aaguid, c.model) ?? "unknown model",
    }));
}

/** The credential is on a key the user holds: it is revoked by picking that key (which is then marked). */
export const isOnHeldKey = (
  c: { keyId: string | null; key: { status: string; custodianId: string | null } | null },
  userId: string,
) =>
  c.keyId !== null &&
  c.key !== null &&
  c.key.custodianId === userId &&
  ["reserved", "assigned", "active"].includes(c.key.status);

/** The credentials this case revokes (its revoke steps' targets), whether or not a KeyFleet key carries them. */
export const revokedByCase = (c: Pick<CaseRow, "steps">) =>
  c.steps.filter((s) => s.kind === "revoke_credential").map((s) => s.target);

export async function viewOf(
  db: Db,
  deps: Pick<CasesDeps, "repo" | "policy" | "clock" | "ticketUrlTemplate">,
  c: CaseRow,
): Promise<CaseView> {
  const [policy, others, names, agents, template] = await Promise.all([
    deps.policy(db),
    otherWorkingKeys(
      db,
      deps,
      c.userId,
      c.keys.map((k) => k.key.id),
      revokedByCase(c),
    ),
    deps.repo.actorNamesOfCase(db, c.id),
    c.assigneeId ? deps.repo.agents(db) : [],
    deps.ticketUrlTemplate ? deps.ticketUrlTemplate(db) : null,
  ]);
  const assigneeName = agents.find((a) => a.id === c.assigneeId)?.name ?? names.get(c.assigneeId ?? "");
  return toCaseView(c, {
    assignee: c.assigneeId ? { id: c.assigneeId, name: assigneeName ?? "An agent" } : null,
    ticketUrl: c.ticketRef && template ? ticketUrlFor(template, c.ticketRef) : null,
    requirements: requirementsFor(policy, c.user.isPrivileged),
    otherWorkingKeys: others,
    actorNames: names,
    now: deps.clock(),
  });
}

export const loadView = async (
  db: Db,
  deps: Pick<CasesDeps, "repo" | "policy" | "clock" | "ticketUrlTemplate">,
  id: string,
) => viewOf(db, deps, await loadCase(db, deps, id));

/** Nobody verifies, revokes or issues a TAP for themselves (matched by object id, or by sign-in name). */
export function assertNotSelf(
  actor: Actor,
  user: { id: string; userPrincipalName: string; mail: string | null },
) {
  const email = actor.email?.toLowerCase();
  if (
    actor.id === user.id ||
    (email && (email === user.userPrincipalName.toLowerCase() || email === user.mail?.toLowerCase()))
  ) {
    throw new AppError("FORBIDDEN", "You cannot act on your own account: ask another agent.");
  }
}

export function assertOpen(c: CaseRow) {
  if (c.status === "closed" || c.status === "cancelled")
    throw new AppError("CONFLICT", `Case #${c.number} is ${c.status}.`, { caseId: c.id, status: c.status });
}

/** Offboarding cases are opened by sync and worked from the offboarding queue, not through these steps. */
export function assertRecoveryCase(c: CaseRow) {
  if (c.kind === "offboarding")
    throw new AppError(
      "BAD_REQUEST",
      `Case #${c.number} is an offboarding case: work it from the offboarding queue.`,
      { caseId: c.id },
    );
}

/** Takes the case at the version the agent saw, or refuses: someone else acted first. */
export async function claimCase(tx: Tx, deps: Pick<CasesDeps, "repo">, c: CaseRow, version: number) {
  assertOpen(c);
  if (c.version !== version || !(await deps.repo.claimVersion(tx, c.id, version))) {
    throw new AppError(
      "CONFLICT",
      `Case #${c.number} was changed by someone else since you loaded it. Reload and try again.`,
      { caseId: c.id, version: c.version },
    );
  }
}

export function isLeaseHeld(step: CaseStepRow, now: Date, leaseMs: number) {
  return (
    step.status === "running" && step.startedAt !== null && now.getTime() - step.startedAt.getTime() < leaseMs
  );
}

export function assertNotInFlight(c: CaseRow, now: Date, leaseMs: number) {
  const busy = c.steps.find((s) => isLeaseHeld(s, now, leaseMs));
  if (busy) {
    throw new AppError(
      "CONFLICT",
      `A step of case #${c.number} (${busy.kind.replace(/_/g, " ")}) is in progress since ${formatUtc(busy.startedAt)}; wait for it to finish.`,
      {
        caseId: c.id,
        stepId: busy.id,
        resumableAt: new Date(busy.startedAt!.getTime() + leaseMs),
      },
    );
  }
}

/** The case status that follows from its steps and approvals (never from a closed case). */
export async function settleStatus(
  tx: Tx,
  deps: Pick<CasesDeps, "repo" | "approvals">,
  c: Pick<CaseRow, "id" | "kind">,
) {
  const [steps, pending] = await Promise.all([
    deps.repo.stepsOf(tx, c.id),
    deps.approvals.pendingCount(tx, c.id),
  ]);
  const verified = steps.some((s) => s.kind === "verify_identity" && s.status === "done");
  const status: CaseStatus =
    pending > 0
      ? "awaiting_approval"
      : allButCloseSettled(steps)
        ? c.kind === "forgotten"
          ? "in_progress"
          : "waiting_registration"
        : verified
          ? "in_progress"
          : "open";
  await deps.repo.setStatusIfOpen(tx, c.id, status);
}
