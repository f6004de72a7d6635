import type { RequestContext } from "@/server/auth/actor";
import type { Db, UnitOfWork } from "@/server/db/uow";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { logger } from "@/server/lib/logger";
import {
  defaultHelpdeskSettings,
  helpdeskSettingsSchema,
  type HelpdeskSettings,
} from "./helpdesk-settings.schemas";
import type { SettingsRepository } from "./settings.repository";

export const HELPDESK_SETTINGS_KEY = "helpdesk.settings";

/** The helpdesk's typed settings (the ticket link): read with a safe fallback, changed by an admin, audited. */
export function makeHelpdeskSettings(deps: {
  uow: UnitOfWork;
  repo: SettingsRepository;
  audit: AuditService;
}) {
  const { uow, repo, audit } = deps;
  async function read(db: Db = uow.db): Promise<HelpdeskSettings> {
    const stored = await repo.get(db, HELPDESK_SETTINGS_KEY);
    if (stored === null) return defaultHelpdeskSettings;
    const parsed = helpdeskSettingsSchema.safeParse(stored);
    // A hand-edited row that no longer fits links nowhere rather than somewhere unchecked.
    if (!parsed.success)
      logger.warn("invalid stored helpdesk settings; using defaults", { key: HELPDESK_SETTINGS_KEY });
    return parsed.success ? parsed.data : defaultHelpdeskSettings;
  }
  return {
    helpdeskSettings: read,
    setHelpdeskSettings: (ctx: RequestContext, input: HelpdeskSettings) =>
      uow.run(async (tx) => {
        const before = await read(tx);
        const next = helpdeskSettingsSchema.parse(input);
        await repo.put(tx, HELPDESK_SETTINGS_KEY, next, ctx.actor.id);
        await audit.record(tx, ctx, {
          action: "settings.helpdesk",
          subjectType: "Setting",
          subjectId: HELPDESK_SETTINGS_KEY,
          before,
          after: next,
        });
        return next;
      }),
  };
}
