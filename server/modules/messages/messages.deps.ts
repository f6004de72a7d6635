import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { SettingsRepository } from "@/server/modules/settings/settings.repository";
import type { MessagesRepository } from "./messages.repository";

// A leaf: what the messages service and its parts (reminders.ts, notices.ts) are given.

export interface MessagesDeps {
  uow: UnitOfWork;
  repo: MessagesRepository;
  settings: SettingsRepository;
  audit: AuditService;
  /** Never null: without a tenant, the unconfigured port refuses sendMail in words. */
  graph: GraphPort;
  clock: () => Date;
}
