import type { Db, UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AssignmentRepository } from "@/server/modules/assignment/assignment.repository";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { RecoveryRepository } from "@/server/modules/recovery/recovery.repository";
import type { TapCap } from "@/server/modules/recovery/tap-cap";
import type { TapState } from "@/server/modules/recovery/tap-state";
import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import type { ApprovalsRepository } from "./approvals.repository";
import type { CasesRepository } from "./cases.repository";
import type { PreflightFn } from "./preflight";

// The case workflow's dependencies, in a leaf file (type imports only). The workflow owns every change to
// a user's credentials in Entra (docs/ARCHITECTURE.md, "Path 2"); it uses the recovery module's TAP read
// model and cap, and the assignment module's key repository, and neither of them imports it.

export interface CasesDeps {
  uow: UnitOfWork;
  repo: CasesRepository;
  approvals: ApprovalsRepository;
  /** Key lifecycle moves (guarded, audited) and stock, from the assignment module. */
  keys: AssignmentRepository;
  audit: AuditService;
  /** Never null: without a tenant, an unconfigured port whose calls refuse in words (graph/unconfigured.ts). */
  graph: GraphPort;
  clock: () => Date;
  policy: (db?: Db) => Promise<RecoveryPolicy>;
  /** Settings' link to the ticket system ("https://…{ticket}…"), or null when none is configured. */
  ticketUrlTemplate?: (db?: Db) => Promise<string | null>;
  /** TAP issuance records (never a pass) and the security leads' alerts. */
  recovery: RecoveryRepository;
  /** The hourly TAP cap per agent (recovery/tap-cap.ts). */
  tapCap: TapCap;
  /** Live check of what a recovery would leave the user with (preflight.ts); the gate before any credential DELETE. */
  preflight?: PreflightFn;
  /**
   * How long a step marked running belongs to the request that started it. Within it a second request is
   * refused (the first may still be talking to Entra); after it the step counts as interrupted and resumable.
   */
  stepLeaseMs?: number;
  /** The user's passes as Entra last listed them: stored by each preflight, refreshed after steps (recovery/tap-state.ts). */
  taps: TapState;
}

export const DEFAULT_STEP_LEASE_MS = 120_000;
