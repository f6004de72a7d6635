import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import type { KeyStatusName } from "./key-statuses.constants";
import {
  assertNoLiveCredential,
  describeStatuses,
  fromStatuses,
  heldStatuses,
  shelfStatuses,
  targetStatus,
} from "@/server/modules/assignment/lifecycle";
import type { InventoryDeps } from "./inventory.deps";

// Bulk key changes: all or nothing, each key checked against the version the caller saw, one audit
// event per key so its timeline shows the change. Which statuses may move comes from the lifecycle table.

// Moving between sites is not a lifecycle move: only keys on a shelf, promised to nobody, travel.
const TRANSFERABLE = [...shelfStatuses];
// The lifecycle (docs/ARCHITECTURE.md): any → retired. A key someone holds is taken off them; one with a live credential in Entra is
// refused (assertNoLiveCredential), as for a single retirement: the credential goes first.
const RETIRABLE = fromStatuses("retire");

type KeyRef = { id: string; version: number };
type Current = {
  id: string;
  serial: string;
  status: KeyStatusName;
  version: number;
  siteId: string;
  custodianId: string | null;
  site: { code: string };
  credential: { id: string; removedAt: Date | null } | null;
};

function check(
  ref: KeyRef,
  cur: Current | undefined,
  allowed: KeyStatusName[],
  verb: string,
): asserts cur is Current {
  if (!cur) throw new AppError("NOT_FOUND", `No key with id ${ref.id}.`);
  if (!allowed.includes(cur.status)) {
    throw new AppError(
      "CONFLICT",
      `Key ${cur.serial} is ${cur.status.replace("_", " ")} at ${cur.site.code}; only keys that are ${describeStatuses(allowed)} can be ${verb}.`,
      {
        keyId: cur.id,
        status: cur.status,
        siteId: cur.siteId,
        version: cur.version,
      },
    );
  }
  if (cur.version !== ref.version) {
    throw new AppError(
      "CONFLICT",
      `Key ${cur.serial} changed since you loaded it: it is now ${cur.status.replace("_", " ")} at ${cur.site.code}. Reload and try again.`,
      {
        keyId: cur.id,
        status: cur.status,
        siteId: cur.siteId,
        version: cur.version,
      },
    );
  }
}

export function makeKeyMutations({ uow, repo, audit, clock }: InventoryDeps) {
  const raced = async (
    tx: Parameters<Parameters<typeof uow.run>[0]>[0],
    ref: KeyRef,
    allowed: KeyStatusName[],
    verb: string,
  ): Promise<never> => {
    const [now] = await repo.keysByIds(tx, [ref.id]);
    check(ref, now, allowed, verb);
    throw new AppError("CONFLICT", `Key ${now.serial} changed while saving. Reload and try again.`);
  };

  return {
    async transferKeys(ctx: RequestContext, input: { keys: KeyRef[]; toSiteId: string; note?: string }) {
      return uow.run(async (tx) => {
        const site = await repo.site(tx, input.toSiteId);
        if (!site)
          throw new AppError("NOT_FOUND", "No site with this id.", {
            fieldErrors: { toSiteId: ["Unknown site"] },
          });
        const current = new Map(
          (
            await repo.keysByIds(
              tx,
              input.keys.map((k) => k.id),
            )
          ).map((k) => [k.id, k]),
        );
        const now = clock();
        for (const ref of input.keys) {
          const cur = current.get(ref.id);
          check(ref, cur, TRANSFERABLE, "transferred");
          if (cur.siteId === site.id)
            throw new AppError("BAD_REQUEST", `Key ${cur.serial} is already at ${site.code}.`, {
              fieldErrors: { toSiteId: [`${cur.serial} is already there`] },
            });
          const ok = await repo.updateKeyGuarded(tx, {
            id: ref.id,
            version: ref.version,
            fromStatuses: TRANSFERABLE,
            data: { siteId: site.id },
            now,
          });
          if (!ok) await raced(tx, ref, TRANSFERABLE, "transferred");
          await audit.record(tx, ctx, {
            action: "inventory.key.transfer",
            subjectType: "SecurityKey",
            subjectId: ref.id,
            before: { siteId: cur.siteId, site: cur.site.code },
            after: { siteId: site.id, site: site.code, note: input.note ?? null },
          });
        }
        return { updated: input.keys.length };
      });
    },

    async retireKeys(ctx: RequestContext, input: { keys: KeyRef[]; reason: string }) {
      return uow.run(async (tx) => {
        const current = new Map(
          (
            await repo.keysByIds(
              tx,
              input.keys.map((k) => k.id),
            )
          ).map((k) => [k.id, k]),
        );
        const now = clock();
        for (const ref of input.keys) {
          const cur = current.get(ref.id);
          check(ref, cur, RETIRABLE, "retired");
          assertNoLiveCredential(cur, "retired");
          const isHeld = heldStatuses.includes(cur.status);
          const ok = await repo.updateKeyGuarded(tx, {
            id: ref.id,
            version: ref.version,
            fromStatuses: RETIRABLE,
            data: { status: targetStatus("retire"), ...(isHeld ? { custodianId: null } : {}) },
            now,
          });
          if (!ok) await raced(tx, ref, RETIRABLE, "retired");
          if (isHeld)
            await repo.endOpenAssignment(tx, ref.id, { endedAt: now, endReason: `retired: ${input.reason}` });
          await audit.record(tx, ctx, {
            action: "inventory.key.retire",
            subjectType: "SecurityKey",
            subjectId: ref.id,
            before: { status: cur.status, ...(isHeld ? { custodianId: cur.custodianId } : {}) },
            after: { status: "retired", reason: input.reason, ...(isHeld ? { custodianId: null } : {}) },
          });
        }
        return { updated: input.keys.length };
      });
    },
  };
}
