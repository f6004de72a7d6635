import type { CaseView } from "./cases.schemas";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { caseActivity } from "./case-activity";
import { credentialKind } from "@/server/modules/matching/credential-kind";
import { methodName, type Requirements } from "./requirements";
import { nextActionable, sortSteps } from "./step-plan";
import { formatUtc } from "@/server/lib/date-range";
import { expiresAtOf, isStillUsable, parseStoredTaps } from "@/server/modules/recovery/tap-types";

// A case as the wizard shows it: each step with a plain-language preview of what it will do in Entra,
// written before the agent confirms (style.md: destructive actions say what will happen in Entra).

export interface StepDetail {
  note?: string;
  needsDecision?: boolean;
  [k: string]: unknown;
}

/** A credential no KeyFleet key carries, by kind (credential-kind.ts), in the case's words. */
const kindWords = {
  hardware: "security key not from KeyFleet",
  authenticator: "Microsoft Authenticator passkey",
  synced: "synced passkey",
  unknown: "unknown authenticator",
} as const;
const kindOf = (cr: CaseRow["user"]["credentials"][number]) =>
  credentialKind({
    aaGuid: cr.aaguid,
    passkeyType: cr.passkeyType,
    knownModel: cr.model !== null && !cr.isUnknownModel,
  });

export const detailOf = (s: { detail: unknown }): StepDetail =>
  s.detail && typeof s.detail === "object" ? (s.detail as StepDetail) : {};
const isOpenStatus = (s: CaseRow["status"]) => s !== "closed" && s !== "cancelled";

export interface ViewExtras {
  requirements: Requirements;
  assignee?: { id: string; name: string } | null;
  ticketUrl?: string | null;
  /** Actor id → name, from the case's audit events (for "who did what"). */
  actorNames?: ReadonlyMap<string, string>;
  otherWorkingKeys: { id: string; serial: string; model: string }[];
  now: Date;
}

function preview(c: CaseRow, s: CaseStepRow, x: ViewExtras): string {
  const u = c.user;
  const key = (id: string) => c.keys.find((k) => k.key.id === id)?.key;
  switch (s.kind) {
    case "verify_identity": {
      const enough = x.requirements.methods.filter((m) => m.isSufficient);
      if (!enough.length)
        return `Nothing changes in Entra. No method the recovery policy allows is strong enough for ${u.displayName}: an admin must change the policy in Settings → Recovery policy first.`;
      // The number on record is named only where a callback is accepted for this user.
      const callsBack = enough.some((m) => m.method === "callback") && u.phoneOnRecord;
      return (
        `Nothing changes in Entra. Confirm you are speaking to ${u.displayName} by ${enough.map((m) => methodName(m.method)).join(", or ")}` +
        `${callsBack ? ` (call back ${u.phoneOnRecord}, the number on record, never one the caller gives)` : ""}, and record how.`
      );
    }
    case "approve":
      return `Nothing changes in Entra yet. ${u.displayName} is a privileged user: a second helpdesk agent must approve before any credential is deleted or a Temporary Access Pass is issued.`;
    case "revoke_credential": {
      const k = c.keys.find((x2) => x2.key.credential?.id === s.target)?.key;
      if (!k) {
        const cr = u.credentials.find((x2) => x2.id === s.target);
        return (
          `Deletes the FIDO2 credential "${cr?.displayName ?? cr?.model ?? "passkey"}" (${cr ? kindWords[kindOf(cr)] : "no KeyFleet key"}, registered ${formatUtc(cr?.createdDateTime)}) from ${u.userPrincipalName} in Entra. ` +
          "Whatever carries it can no longer sign in; this cannot be undone (the user registers it again if it turns up)."
        );
      }
      const cr = k.credential;
      return (
        `Deletes the FIDO2 credential "${cr?.displayName ?? cr?.model ?? "security key"}" (registered ${formatUtc(cr?.createdDateTime)}) from ${u.userPrincipalName} in Entra. ` +
        `Key ${k.serial} can no longer sign in; this cannot be undone (a found key must be registered again).`
      );
    }
    case "revoke_sessions":
      return `Signs ${u.userPrincipalName} out everywhere: Entra revokes every refresh token and session (revokeSignInSessions), within minutes. Whoever has the stolen key loses any session it opened.`;
    case "mark_key":
      return `Nothing changes in Entra. Marks key ${key(s.target)?.serial ?? "?"} as ${c.kind} in KeyFleet and ends its assignment.`;
    case "reserve_replacement":
      return `Nothing changes in Entra. Reserves a key from stock at ${u.site?.code ?? "the user's site"} for ${u.displayName}; hand it over from the case when they collect it.`;
    case "issue_tap":
      if (x.otherWorkingKeys.length)
        return `Nothing changes in Entra: ${u.displayName} still has a working key (${x.otherWorkingKeys.map((k) => k.serial).join(", ")}). Tell them to sign in with it; no TAP.`;
      return (
        `Creates a Temporary Access Pass for ${u.userPrincipalName} in Entra (one-time by default, lifetime within the tenant's TAP policy); it replaces any pass they already have. ` +
        `The pass is shown to you once, with its expiry, and never stored.`
      );
    case "close":
      return c.kind === "forgotten"
        ? "Nothing changes in Entra. Close the case when the key is back with the user."
        : `Closes by itself when sync sees a new key registered in Entra and links it to the replacement${c.replacementKey ? ` (${c.replacementKey.serial})` : ""}. You can also close it with a reason.`;
  }
}

function targetLabel(c: CaseRow, s: CaseStepRow): string | null {
  if (s.kind === "revoke_credential") {
    const serial = c.keys.find((k) => k.key.credential?.id === s.target)?.key.serial;
    if (serial) return serial;
    const cr = c.user.credentials.find((x) => x.id === s.target);
    return cr ? `${cr.displayName ?? cr.model ?? "passkey"} (${kindWords[kindOf(cr)]})` : null;
  }
  if (s.kind === "mark_key") return c.keys.find((k) => k.key.id === s.target)?.key.serial ?? null;
  if (s.kind === "revoke_sessions") return c.user.userPrincipalName;
  return null;
}

/** From the stored read (never a Graph call per view): which of the user's passes were usable, and when Entra was asked. */
function tapStateOf(c: CaseRow, now: Date): CaseView["tapState"] {
  const read = parseStoredTaps(c.user.entraTaps, c.user.entraTapsReadAt);
  return {
    readAt: read.readAt,
    taps: read.taps.map((t) => ({
      id: t.id,
      isUsable: t.isUsable,
      isUsableNow: isStillUsable(t, now),
      usabilityReason: t.methodUsabilityReason,
      isUsableOnce: t.isUsableOnce,
      lifetimeInMinutes: t.lifetimeInMinutes,
      startAt: t.startDateTime ? new Date(t.startDateTime) : null,
      expiresAt: expiresAtOf(t),
    })),
  };
}

export function toCaseView(c: CaseRow, x: ViewExtras): CaseView {
  const isOpen = isOpenStatus(c.status);
  const steps = sortSteps(c.steps);
  const found = isOpen ? nextActionable(c.kind, steps) : null;
  const next = found && found.kind !== "close" ? found : undefined;
  const openTap = c.taps.find((t) => !t.revokedAt);
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    status: c.status,
    version: c.version,
    ticketRef: c.ticketRef,
    ticketUrl: x.ticketUrl ?? null,
    priority: c.priority,
    assignee: x.assignee ?? null,
    outcome: c.outcome,
    closeReason: c.closeReason,
    closedAt: c.closedAt,
    closedById: c.closedById,
    openedById: c.openedById,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    user: {
      id: c.user.id,
      displayName: c.user.displayName,
      userPrincipalName: c.user.userPrincipalName,
      department: c.user.department,
      site: c.user.site?.code ?? null,
      siteId: c.user.siteId,
      isPrivileged: c.user.isPrivileged,
      accountEnabled: c.user.accountEnabled,
      phoneOnRecord: c.user.phoneOnRecord,
    },
    keys: c.keys.map(({ key: k }) => ({
      id: k.id,
      serial: k.serial,
      model: k.model.productName,
      status: k.status,
      credentialId: k.credential?.id ?? null,
      methodId: k.credential?.methodId ?? null,
      credentialRemovedAt: k.credential?.removedAt ?? null,
      matchMethod: k.credential?.matchMethod ?? null,
    })),
    replacementKey: c.replacementKey
      ? {
          id: c.replacementKey.id,
          serial: c.replacementKey.serial,
          model: c.replacementKey.model.productName,
          status: c.replacementKey.status,
          version: c.replacementKey.version,
          site: c.replacementKey.site.code,
        }
      : null,
    requirements: x.requirements,
    otherWorkingKeys: x.otherWorkingKeys,
    steps: steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      target: s.target,
      targetLabel: targetLabel(c, s),
      status: s.status,
      attempts: s.attempts,
      lastError: s.lastError,
      startedAt: s.startedAt,
      completedAt: s.completedAt,
      actorId: s.actorId,
      graphRef: s.graphRef,
      preview: preview(c, s, x),
      isNext: next?.id === s.id,
      needsDecision: detailOf(s).needsDecision === true,
      note: detailOf(s).note ?? null,
    })),
    verifications: c.verifications,
    approvals: c.approvals.map((a) => ({
      ...a,
      action: a.action as CaseView["approvals"][number]["action"],
    })),
    taps: c.taps,
    activity: caseActivity(c, x.actorNames ?? new Map()),
    tapState: tapStateOf(c, x.now),
    reminder:
      c.kind === "forgotten" && isOpen
        ? `Close this case when the key is back with ${c.user.displayName}.${openTap ? ` The pass expires ${formatUtc(openTap.expiresAt)}.` : ""}`
        : null,
    isOpen,
  };
}
