import type { BadgeTone } from "@/app/_components/badge";
import type { alertKinds } from "@/server/modules/recovery/recovery.schemas";
import type {
  approvalActions,
  caseKinds,
  caseStatuses,
  stepKinds,
  stepStatuses,
  verificationMethods,
} from "@/server/modules/cases/cases.schemas";
import { findPersona } from "@/server/auth/personas";
import type { CredentialKind } from "@/server/modules/matching/credential-kind.constants";

// Words and colours for the case wizard's closed sets, in one place so the list, the case page and the
// approvals queue say the same thing.

type Of<T extends readonly string[]> = T[number];

export const kindLabel: Record<Of<typeof caseKinds>, string> = {
  lost: "Lost",
  stolen: "Stolen",
  damaged: "Damaged",
  forgotten: "Forgotten",
  offboarding: "Offboarding",
};

export const kindHelp: Record<Exclude<Of<typeof caseKinds>, "offboarding">, string> = {
  lost: "Gone, whereabouts unknown. The credential is deleted in Entra, the key is marked lost and replaced.",
  stolen: "Taken by someone. As lost, and every sign-in session of the user is revoked in Entra too.",
  damaged: "Broken or no longer working. The credential is deleted in Entra and the key replaced.",
  forgotten:
    "Safe but at home. Nothing is revoked: a short Temporary Access Pass for today, then close the case when the key is back.",
};

/** A credential's kind (server/modules/matching/credential-kind.ts), as the wizard labels it. */
export const credentialKindLabel: Record<CredentialKind, string> = {
  hardware: "Security key (not from KeyFleet)",
  authenticator: "Microsoft Authenticator passkey",
  synced: "Synced passkey",
  unknown: "Unknown authenticator",
};

export const statusLabel: Record<Of<typeof caseStatuses>, string> = {
  open: "Open",
  awaiting_approval: "Awaiting approval",
  in_progress: "In progress",
  waiting_registration: "Waiting for registration",
  closed: "Closed",
  cancelled: "Cancelled",
};
export const statusTone: Record<Of<typeof caseStatuses>, BadgeTone> = {
  open: "brand",
  awaiting_approval: "warning",
  in_progress: "info",
  waiting_registration: "info",
  closed: "success",
  cancelled: "neutral",
};

export const stepLabel: Record<Of<typeof stepKinds>, string> = {
  verify_identity: "Verify identity",
  approve: "Second agent approves",
  revoke_credential: "Delete the credential in Entra",
  revoke_sessions: "Revoke sign-in sessions",
  mark_key: "Mark the key",
  reserve_replacement: "Reserve a replacement",
  issue_tap: "Issue a Temporary Access Pass",
  close: "Close the case",
};
export const stepStatusLabel: Record<Of<typeof stepStatuses>, string> = {
  pending: "Pending",
  running: "Running",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};
export const stepStatusTone: Record<Of<typeof stepStatuses>, BadgeTone> = {
  pending: "neutral",
  running: "info",
  done: "success",
  failed: "danger",
  skipped: "neutral",
};
/** Steps that change something that cannot be taken back: they ask first. */
export const isDestructive = (kind: Of<typeof stepKinds>) =>
  kind === "revoke_credential" || kind === "revoke_sessions" || kind === "mark_key";

export const methodLabel: Record<Of<typeof verificationMethods>, string> = {
  callback: "Callback to the number on record",
  manager_confirmation: "Manager confirmation",
  video_id: "Video call with ID",
  in_person: "In person",
};
/** The same, inside a sentence. */
export const methodPhrase: Record<Of<typeof verificationMethods>, string> = {
  callback: "a callback to the number on record",
  manager_confirmation: "their manager's confirmation",
  video_id: "a video call with ID",
  in_person: "in person at a desk",
};
/** What to write as evidence: who or what confirmed it — never a copy of an ID document. */
export const referenceHint: Record<Of<typeof verificationMethods>, string> = {
  callback: "The number you called (from the directory) and when they answered.",
  manager_confirmation: "The manager's name and how they confirmed (e.g. Teams call).",
  video_id: "The video session and the type of ID seen — do not copy the ID number.",
  in_person: "The desk or office, and the type of ID seen — do not copy the ID number.",
};

export const approvalActionLabel: Record<Of<typeof approvalActions>, string> = {
  privileged_recovery: "Privileged user's recovery",
  tap_over_cap: "TAP beyond the agent's hourly cap",
  proceed_stranded: "Revoke although the user is left with no way to sign in",
};

export const alertLabel: Record<Of<typeof alertKinds>, string> = {
  privileged_tap: "TAP for a privileged user",
  agent_over_cap: "Agent over the TAP cap",
  recent_use_revoked: "Revoked a recently used key",
};

/** Staff are stored by id; say "you" for the reader and a name where the id is a known (demo) persona. */
export function who(id: string | null | undefined, me: string): string {
  if (!id) return "—";
  if (id === me) return "you";
  if (id === "system") return "KeyFleet (sync)";
  return findPersona(id)?.name ?? id;
}
