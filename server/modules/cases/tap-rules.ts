import { AppError } from "@/server/errors";
import type { TapPolicy } from "@/server/graph/port";
import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";

// The tenant's TAP policy (read from Entra) bounds every pass; the portal's defaults only pick a value inside it.

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export function suggestedTap(tenant: TapPolicy, portal: RecoveryPolicy, kind: string) {
  const wanted =
    kind === "forgotten" ? portal.tap.forgottenLifetimeInMinutes : portal.tap.defaultLifetimeInMinutes;
  return {
    lifetimeInMinutes: clamp(wanted, tenant.minimumLifetimeInMinutes, tenant.maximumLifetimeInMinutes),
    isUsableOnce: tenant.isUsableOnce || portal.tap.isUsableOnceByDefault,
  };
}

/** Refuses what Entra would refuse, naming the policy's range, before anything is sent. */
export function checkTapRequest(
  tenant: TapPolicy,
  req: { lifetimeInMinutes: number; isUsableOnce: boolean; startAt?: Date },
  now: Date,
) {
  if (tenant.state !== "enabled")
    throw new AppError(
      "PRECONDITION_FAILED",
      "Temporary Access Pass is disabled in the tenant's authentication methods policy.",
    );
  const { minimumLifetimeInMinutes: min, maximumLifetimeInMinutes: max } = tenant;
  if (req.lifetimeInMinutes < min || req.lifetimeInMinutes > max) {
    throw new AppError(
      "BAD_REQUEST",
      `The lifetime must be between ${min} and ${max} minutes (the tenant's TAP policy).`,
      { field: "lifetimeInMinutes", min, max },
    );
  }
  if (tenant.isUsableOnce && !req.isUsableOnce)
    throw new AppError("BAD_REQUEST", "The tenant's TAP policy allows one-time passes only.", {
      field: "isUsableOnce",
    });
  if (req.startAt && req.startAt.getTime() < now.getTime() - 5 * 60_000)
    throw new AppError("BAD_REQUEST", "The start time is in the past.", { field: "startAt" });
  if (req.startAt && req.startAt.getTime() > now.getTime() + 30 * 24 * 60 * 60_000)
    throw new AppError("BAD_REQUEST", "The start time is more than 30 days away.", { field: "startAt" });
}
