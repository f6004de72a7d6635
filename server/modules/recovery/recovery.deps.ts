import type { Db, UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { ApprovalsRepository } from "@/server/modules/cases/approvals.repository";
import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import type { RecoveryRepository } from "./recovery.repository";
import type { TapState } from "./tap-state";

// The recovery module's dependencies, in a leaf file (type imports only). Recovery is the TAP read model
// (the user's passes as Entra last listed them, issuance records, the hourly cap, the security leads'
// alerts); it imports nothing from the case workflow, which owns every change in Entra and uses it.

export interface TapCapDeps {
  recovery: RecoveryRepository;
  approvals: Pick<ApprovalsRepository, "approvedSince">;
  clock: () => Date;
  policy: (db?: Db) => Promise<RecoveryPolicy>;
}

export interface RecoveryDeps {
  uow: UnitOfWork;
  /** Never null: without a tenant, an unconfigured port whose calls refuse in words (graph/unconfigured.ts). */
  graph: GraphPort;
  clock: () => Date;
  recovery: RecoveryRepository;
  approvals: Pick<ApprovalsRepository, "overCapSince">;
  taps: TapState;
}
