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
// Which statuses may move, and the verb an error says when a key may not.
const TRANSFER: [KeyStatusName[], string] = [TRANSFERABLE, "transferred"];
const RETIRE: [KeyStatusName[], string] = [RETIRABLE, "retired"];

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

type Tx = Parameters<Parameters<InventoryDeps["uow"]["run"]>[0]>[0];

export function makeKeyMutations({ uow, repo, audit, clock }: InventoryDeps) {
  const raced = async (tx: Tx, ref: KeyRef, allowed: KeyStatusName[], verb: string): Promise<never> => {
    const [now] = await repo.keysByIds(tx, [ref.id]);
    check(ref, now, allowed, verb);
    throw new AppError("CONFLICT", `Key ${now.serial} changed while saving. Reload and try again.`);
  };
  /** Each key in turn as it is now, checked against the version the caller saw and the statuses allowed. */
  const eachKey = async (
    tx: Tx,
    refs: KeyRef[],
    [allowed, verb]: [KeyStatusName[], string],
    fn: (ref: KeyRef, cur: Current) => Promise<void>,
  ) => {
    const found = await repo.keysByIds(
      tx,
      refs.map((k) => k.id),
    );
    const current = new Map(found.map((k) => [k.id, k]));
    for (const ref of refs) {
      const cur = current.get(ref.id);
      check(ref, cur, allowed, verb);
      await fn(ref, cur);
    }
  };
  /** Writes the change unless the key moved since it was read (then says how it moved). */
  const update = async (
    tx: Tx,
    ref: KeyRef,
    [allowed, verb]: [KeyStatusName[], string],
    data: Parameters<typeof repo.updateKeyGuarded>[1]["data"],
    now: Date,
  ) => {
    const ok = await repo.updateKeyGuarded(tx, {
      id: ref.id,
      version: ref.version,
      fromStatuses: allowed,
      data,
      now,
    });
    if (!ok) await raced(tx, ref, allowed, verb);
  };

  return {
    async transferKeys(ctx: RequestContext, input: { keys: KeyRef[]; toSiteId: string; note?: string }) {
      return uow.run(async (tx) => {
        const site = await repo.site(tx, input.toSiteId);
        if (!site)
          throw new AppError("NOT_FOUND", "No site with this id.", {
            fieldErrors: { toSiteId: ["Unknown site"] },
          });
        const now = clock();
        await eachKey(tx, input.keys, TRANSFER, async (ref, cur) => {
          if (cur.siteId === site.id)
            throw new AppError("BAD_REQUEST", `Key ${cur.serial} is already at ${site.code}.`, {
              fieldErrors: { toSiteId: [`${cur.serial} is already there`] },
            });
          await update(tx, ref, TRANSFER, { siteId: site.id }, now);
          await audit.record(tx, ctx, {
            action: "inventory.key.transfer",
            subjectType: "SecurityKey",
            subjectId: ref.id,
            before: { siteId: cur.siteId, site: cur.site.code },
            after: { siteId: site.id, site: site.code, note: input.note ?? null },
          });
        });
        return { updated: input.keys.length };
      });
    },

    async retireKeys(ctx: RequestContext, input: { keys: KeyRef[]; reason: string }) {
      return uow.run(async (tx) => {
        const now = clock();
        await eachKey(tx, input.keys, RETIRE, async (ref, cur) => {
          assertNoLiveCredential(cur, "retired");
          const isHeld = heldStatuses.includes(cur.status);
          const data = { status: targetStatus("retire"), ...(isHeld ? { custodianId: null } : {}) };
          await update(tx, ref, RETIRE, data, now);
          if (isHeld)
            await repo.endOpenAssignment(tx, ref.id, { endedAt: now, endReason: `retired: ${input.reason}` });
          await audit.record(tx, ctx, {
            action: "inventory.key.retire",
            subjectType: "SecurityKey",
            subjectId: ref.id,
            before: { status: cur.status, ...(isHeld ? { custodianId: cur.custodianId } : {}) },
            after: { status: "retired", reason: input.reason, ...(isHeld ? { custodianId: null } : {}) },
          });
        });
        return { updated: input.keys.length };
      });
    },
  };
}
