import type { UnitOfWork } from "@/server/db/uow";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { DirectoryRepository } from "@/server/modules/directory/directory.repository";
import type { InventoryRepository } from "./inventory.repository";

// A leaf: what the inventory service and its parts (key-mutations.ts, sites.ts) are given. It imports
// no part of the service, so the parts never import the service back.

export interface InventoryDeps {
  uow: UnitOfWork;
  repo: InventoryRepository;
  audit: AuditService;
  clock: () => Date;
  /** Sites attach the users of their office (sites.ts). */
  directory: Pick<DirectoryRepository, "attachSiteByOffice">;
}
