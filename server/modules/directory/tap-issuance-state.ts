import { parseStoredTaps } from "@/server/modules/recovery/tap-types";

// A pass KeyFleet issued, as the user page states it: from our record (revoked, the lifetime) and from
// Entra's last listing of the user's passes (kept on the user's row by sync and case steps), which alone
// knows that a one-time pass was spent. Without that listing a used pass read "Active" until it expired.

export type TapIssuanceState = "active" | "scheduled" | "used" | "expired" | "revoked";

interface Issuance {
  graphMethodId: string | null;
  startAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export function tapIssuanceStates(
  issuances: readonly Issuance[],
  entra: { entraTaps: unknown; entraTapsReadAt: Date | null },
  now: Date,
): TapIssuanceState[] {
  const listed = new Map(
    parseStoredTaps(entra.entraTaps, entra.entraTapsReadAt).taps.map((t) => [t.id, t] as const),
  );
  return issuances.map((t) => {
    if (t.revokedAt) return "revoked";
    if (t.expiresAt <= now) return "expired";
    const seen = t.graphMethodId ? listed.get(t.graphMethodId) : undefined;
    if (seen?.isUsable === false && seen.methodUsabilityReason === "OneTimeUsed") return "used";
    if (seen?.isUsable === false && seen.methodUsabilityReason === "Expired") return "expired";
    return t.startAt > now ? "scheduled" : "active";
  });
}
