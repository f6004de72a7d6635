import type { RequestContext } from "@/server/auth/actor";
import type { Db, UnitOfWork } from "@/server/db/uow";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { logger } from "@/server/lib/logger";
import { defaultRecoveryPolicy, recoveryPolicySchema, type RecoveryPolicy } from "./recovery-policy.schemas";
import type { SettingsRepository } from "./settings.repository";

export const RECOVERY_POLICY_KEY = "recovery.policy";

/** The typed recovery policy: read (falling back to the defaults) and changed by an admin, audited. */
export function makeRecoveryPolicySettings({
  uow,
  repo,
  audit,
}: {
  uow: UnitOfWork;
  repo: SettingsRepository;
  audit: AuditService;
}) {
  async function read(db: Db = uow.db): Promise<RecoveryPolicy> {
    const stored = await repo.get(db, RECOVERY_POLICY_KEY);
    if (stored === null) return defaultRecoveryPolicy;
    const parsed = recoveryPolicySchema.safeParse(stored);
    // A hand-edited row that no longer fits must not loosen verification: fall back to the safe defaults.
    if (!parsed.success)
      logger.warn("invalid stored recovery policy; using defaults", { key: RECOVERY_POLICY_KEY });
    return parsed.success ? parsed.data : defaultRecoveryPolicy;
  }

  return {
    recoveryPolicy: read,
    setRecoveryPolicy: (ctx: RequestContext, input: RecoveryPolicy) =>
      uow.run(async (tx) => {
        const before = await read(tx);
        const next = recoveryPolicySchema.parse(input);
        await repo.put(tx, RECOVERY_POLICY_KEY, next, ctx.actor.id);
        await audit.record(tx, ctx, {
          action: "settings.recovery_policy",
          subjectType: "Setting",
          subjectId: RECOVERY_POLICY_KEY,
          before,
          after: next,
        });
        return next;
      }),
  };
}

export type RecoveryPolicySettings = ReturnType<typeof makeRecoveryPolicySettings>;
