import type { UnitOfWork } from "@/server/db/uow";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { InventoryService } from "@/server/modules/inventory/inventory.service";
import type { ProcurementRepository } from "./procurement.repository";

// A leaf: what the procurement service and receiving.service.ts are given; neither imports the other
// for it.

export interface ProcurementDeps {
  uow: UnitOfWork;
  repo: ProcurementRepository;
  audit: AuditService;
  inventory: InventoryService;
  clock: () => Date;
}
