import type { CaseKind, CasePriority, CaseStatus, Prisma, StepStatus } from "@/server/db/generated/client";
import { keySummarySelect } from "@/server/modules/inventory/inventory.repository";

// The shape of a case as the services load it (caseSelect → CaseRow), the list filter and a step patch.

export const openStatuses: CaseStatus[] = [
  "open",
  "awaiting_approval",
  "in_progress",
  "waiting_registration",
];
export const isOpen = { in: openStatuses };

/** A key as a case reads it (each read adds the credential fields it needs). */
export const caseKeySelect = {
  id: true,
  serial: true,
  status: true,
  version: true,
  modelId: true,
  model: { select: { productName: true } },
} satisfies Prisma.SecurityKeySelect;

export const userSelect = {
  id: true,
  displayName: true,
  userPrincipalName: true,
  mail: true,
  department: true,
  siteId: true,
  isPrivileged: true,
  accountEnabled: true,
  deletedAt: true,
  phoneOnRecord: true,
  site: { select: { code: true } },
  entraTaps: true,
  entraTapsReadAt: true,
} satisfies Prisma.DirectoryUserSelect;

/** A user's credential as a case reads it: the case's user and the case's choice of what to revoke. */
export const credentialSelect = {
  id: true,
  methodId: true,
  displayName: true,
  model: true,
  aaguid: true,
  passkeyType: true,
  isUnknownModel: true,
  createdDateTime: true,
  lastUsedAt: true,
  keyId: true,
} satisfies Prisma.EntraCredentialSelect;

export const caseSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  priority: true,
  assigneeId: true,
  version: true,
  userId: true,
  openedById: true,
  ticketRef: true,
  outcome: true,
  closeReason: true,
  closedAt: true,
  closedById: true,
  createdAt: true,
  updatedAt: true,
  replacementKeyId: true,
  user: {
    select: {
      ...userSelect,
      // Every credential of the user: a case may revoke one no KeyFleet key carries (personal, passkey).
      credentials: { select: { ...credentialSelect, removedAt: true } },
    },
  },
  keys: {
    select: {
      key: {
        select: {
          ...caseKeySelect,
          credential: {
            select: {
              id: true,
              methodId: true,
              displayName: true,
              model: true,
              createdDateTime: true,
              lastUsedAt: true,
              removedAt: true,
              matchMethod: true,
            },
          },
        },
      },
    },
  },
  replacementKey: { select: keySummarySelect },
  steps: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      target: true,
      status: true,
      attempts: true,
      graphRef: true,
      lastError: true,
      detail: true,
      actorId: true,
      startedAt: true,
      completedAt: true,
    },
  },
  verifications: {
    orderBy: { verifiedAt: "asc" },
    select: { id: true, method: true, strength: true, verifiedById: true, verifiedAt: true, reference: true },
  },
  approvals: {
    orderBy: { requestedAt: "asc" },
    select: {
      id: true,
      action: true,
      status: true,
      requestedById: true,
      approverId: true,
      reason: true,
      decisionNote: true,
      requestedAt: true,
      decidedAt: true,
    },
  },
  taps: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      graphMethodId: true,
      startAt: true,
      expiresAt: true,
      lifetimeMinutes: true,
      isUsableOnce: true,
      revokedAt: true,
      issuedById: true,
      createdAt: true,
    },
  },
} satisfies Prisma.CaseSelect;

export type CaseRow = Prisma.CaseGetPayload<{ select: typeof caseSelect }>;
export type CaseStepRow = CaseRow["steps"][number];

/** A change to a step; `detail` is the step's JSON notes (never a secret). */
export interface StepPatch {
  status?: StepStatus;
  startedAt?: Date | null;
  completedAt?: Date | null;
  attempts?: { increment: number };
  actorId?: string;
  lastError?: string | null;
  graphRef?: string | null;
  detail?: Record<string, unknown>;
}

export interface CaseFilter {
  status?: CaseStatus | "active";
  kind?: CaseKind;
  q?: string;
  /** An agent's id, or null for unassigned cases. */
  assigneeId?: string | null;
  priority?: CasePriority;
}

export function where(f: CaseFilter): Prisma.CaseWhereInput {
  const q = f.q?.trim();
  const n = q && /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  return {
    status: f.status === "active" ? isOpen : f.status,
    kind: f.kind,
    assigneeId: f.assigneeId,
    priority: f.priority,
    ...(q
      ? {
          OR: [
            // A number is a case number (or a serial/UPN prefix), not a fragment of anyone's name:
            // "4" must not bring up every user whose display name happens to hold a 4.
            ...(n !== null
              ? [{ number: n }]
              : [{ user: { displayName: { contains: q, mode: "insensitive" as const } } }]),
            { user: { userPrincipalName: { startsWith: q.toLowerCase() } } },
            { keys: { some: { key: { serial: { startsWith: q.toUpperCase() } } } } },
          ],
        }
      : {}),
  };
}
