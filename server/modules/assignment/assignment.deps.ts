import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { AssignmentRepository } from "./assignment.repository";

// A leaf: what the assignment service and its parts are given, and the shapes they pass each other.
// Nothing here imports the service, so its parts (wave.ts, shipping.ts, …) never import it back.

export interface AssignmentDeps {
  uow: UnitOfWork;
  repo: AssignmentRepository;
  audit: AuditService;
  /** Never null: without a tenant, an unconfigured port whose calls refuse in words (graph/unconfigured.ts). */
  graph: GraphPort;
  clock: () => Date;
  /**
   * Tells the person about a handover change once it is committed ("your key has shipped"): never throws,
   * never undoes the change (messages/notices.ts). Absent, nobody is told.
   */
  notify?: (ctx: RequestContext, kind: "shipped" | "pickup", assignmentId: string) => Promise<unknown>;
}

export interface KeyRef {
  keyId: string;
  /** The version the agent saw; omitted, the version read now (the update is still guarded). */
  version?: number;
}

export interface AssignInput {
  userId: string;
  keys: (KeyRef & { kind: "primary" | "backup" })[];
  handover: { method: "in_person" | "shipped" | "pickup"; confirmedById?: string | null; at?: Date | null };
  shipping?: { shippedAt?: Date | null; carrierRef?: string | null } | null;
}
