import type { RequestContext } from "@/server/auth/actor";
import type { Tx, UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { AssignmentRepository, GuardedUpdate, LifecycleKey } from "./assignment.repository";
import { assertTransition, fromStatuses, type Transition } from "./lifecycle";

export interface AssignmentDeps {
  uow: UnitOfWork;
  repo: AssignmentRepository;
  audit: AuditService;
  graph: GraphPort;
  clock: () => Date;
}

export interface KeyRef {
  keyId: string;
  /** The version the agent saw; omitted, the version read now (the update is still guarded). */
  version?: number;
}

const human = (s: string) => s.replace(/_/g, " ");

/**
 * One guarded move of one key: checks the lifecycle, then updates only if the key is still at the version
 * (and in a status) the caller saw, so two agents acting on one key at once cannot both succeed.
 */
export async function moveKey(
  deps: Pick<AssignmentDeps, "repo" | "audit">,
  tx: Tx,
  ctx: RequestContext,
  ref: KeyRef,
  t: Transition,
  now: Date,
  change: {
    data?: Omit<GuardedUpdate["data"], "status">;
    action: string;
    after?: Record<string, unknown>;
    check?: (key: LifecycleKey) => void;
  },
): Promise<LifecycleKey> {
  const cur = await deps.repo.key(tx, ref.keyId);
  if (!cur) throw new AppError("NOT_FOUND", `No key with id ${ref.keyId}.`);
  const to = assertTransition(cur, t);
  const version = ref.version ?? cur.version;
  if (cur.version !== version) {
    throw new AppError(
      "CONFLICT",
      `Key ${cur.serial} changed since you loaded it: it is now ${human(cur.status)}. Reload and try again.`,
      {
        keyId: cur.id,
        status: cur.status,
        version: cur.version,
      },
    );
  }
  change.check?.(cur);
  const ok = await deps.repo.updateKeyGuarded(tx, {
    id: cur.id,
    version,
    from: fromStatuses(t),
    data: { ...change.data, status: to },
    now,
  });
  if (!ok) {
    const again = await deps.repo.key(tx, cur.id);
    throw new AppError(
      "CONFLICT",
      `Key ${cur.serial} was changed by someone else while saving: it is now ${human(again?.status ?? "gone")}. Reload and try again.`,
      {
        keyId: cur.id,
        status: again?.status ?? null,
        version: again?.version ?? null,
      },
    );
  }
  await deps.audit.record(tx, ctx, {
    action: change.action,
    subjectType: "SecurityKey",
    subjectId: cur.id,
    before: { status: cur.status, custodianId: cur.custodianId, version: cur.version },
    after: {
      status: to,
      ...(change.data?.custodianId !== undefined ? { custodianId: change.data.custodianId } : {}),
      ...change.after,
    },
  });
  return cur;
}
