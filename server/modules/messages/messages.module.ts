import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { makeSettingsRepository } from "@/server/modules/settings/settings.repository";
import { makeMessagesRepository } from "./messages.repository";
import { makeMessagesService } from "./messages.service";

// Messages to users wired once (container.ts).
export function makeMessagesModule(d: {
  uow: UnitOfWork;
  audit: AuditService;
  graph: GraphPort;
  clock: () => Date;
}) {
  return makeMessagesService({ ...d, repo: makeMessagesRepository(), settings: makeSettingsRepository() });
}
