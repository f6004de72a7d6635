import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { AssignmentRepository } from "./assignment.repository";

// The assignment module's dependencies and shared input types, in a leaf file (type imports only): the
// services, the offboarding queue and the wave assignment import these, never each other's types.

export interface AssignmentDeps {
  uow: UnitOfWork;
  repo: AssignmentRepository;
  audit: AuditService;
  graph: GraphPort | null;
  clock: () => Date;
}

export interface KeyRef {
  keyId: string;
  /** The version the agent saw; omitted, the version read now (the update is still guarded). */
  version?: number;
}

export interface AssignInput {
  userId: string;
  keys: (KeyRef & { kind: "primary" | "backup" })[];
  handover: { method: "in_person" | "shipped"; confirmedById?: string | null; at?: Date | null };
  shipping?: { shippedAt?: Date | null; carrierRef?: string | null } | null;
}
