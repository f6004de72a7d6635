import type { RequestContext } from "@/server/auth/actor";
import { AppError, isAppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import type { Fido2Method, GraphPort } from "@/server/graph/port";
import { makeEnrollmentContext, modelName, type EnrollmentDeps } from "./enrollment-context";
import type { EnrollmentItemRow, EnrollmentKey } from "./enrollment.repository";

// Handover with a pass (docs/ENROLLMENT.md): the self-registration path of Entra's guidance. At the desk the
// agent hands over the key and issues a one-time Temporary Access Pass, shown once; the person registers the
// key themselves while the screen watches their FIDO2 methods; the agent confirms the new credential is the
// key in hand and it is linked to the serial as `confirmed`. When the watch ends first, the key stays
// assigned and the sync's matching links it when the person registers it.

/** At most one read of a person's FIDO2 methods per watched handover in this time (docs/ENROLLMENT.md). */
export const WATCH_INTERVAL_MS = 15_000;
/** The watch ends this long after the pass was issued, or when the pass expires if sooner. */
export const WATCH_MAX_MS = 15 * 60_000;
/** A watch read waits out throttling this long, then says so and tries at the next tick. */
const WATCH_READ_WAIT_MS = 10_000;
/** Graph's createdDateTime has whole seconds and Entra's clock is not ours. */
const SKEW_MS = 60_000;

const passFrom = ["queued", "started", "failed", "handed_over"] as const;

export interface Candidate {
  methodId: string;
  model: string | null;
  displayName: string | null;
  createdAt: Date | null;
  /** Its AAGUID is one of the key's model: it can be the key in hand. */
  matchesKey: boolean;
}

export function makeHandoverService(deps: EnrollmentDeps) {
  const { uow, repo, audit, clock } = deps;
  const c = makeEnrollmentContext(deps);

  const passService = () => {
    if (!deps.handoverPass)
      throw new AppError("PRECONDITION_FAILED", "Issuing passes is not available in this portal.");
    return deps.handoverPass;
  };
  /** The priority lane: a read for an agent waiting on screen goes ahead of a running sync's, within the same limits. */
  const lane = (g: GraphPort) =>
    g.withBudget(2, { priority: true, deadline: Date.now() + WATCH_READ_WAIT_MS });

  async function keyOf(item: EnrollmentItemRow): Promise<EnrollmentKey> {
    const key = item.keyId ? await repo.key(uow.db, item.keyId) : null;
    if (!key) throw new AppError("NOT_FOUND", "The key of this handover is gone from the inventory.");
    return key;
  }

  /** New since the pass: not among the methods the person had then, and created after it (within skew). */
  function newMethods(item: EnrollmentItemRow, methods: Fido2Method[]) {
    const before = new Set(item.methodsBefore);
    const since = (item.passIssuedAt?.getTime() ?? 0) - SKEW_MS;
    return methods.filter((m) => !before.has(m.id) && Date.parse(m.createdDateTime ?? "") >= since);
  }

  const fitsKey = (key: EnrollmentKey, m: Fido2Method) =>
    key.model.aaguids.some((a) => a.aaguid === (m.aaGuid ?? "").toLowerCase());

  async function timeOut(ctx: RequestContext, item: EnrollmentItemRow, reason: "timeout" | "later") {
    const message =
      reason === "timeout"
        ? "No new key appeared in Entra while the desk watched. The key stays with the person; the sync links it when they register it."
        : "The person will register the key later. It stays with them; the sync links it when they do.";
    await uow.run(async (tx) => {
      if (await repo.moveItem(tx, item.id, ["watching"], { status: "handed_over", message })) {
        await audit.record(tx, ctx, {
          action: reason === "timeout" ? "enrollment.handover.timeout" : "enrollment.handover.later",
          subjectType: "EnrollmentItem",
          subjectId: item.id,
          after: { userId: item.userId, serial: item.serial, keyId: item.keyId },
        });
      }
    });
  }

  return {
    /** Hands the key over and issues a one-time pass, shown once in the answer and kept nowhere. */
    async issuePass(ctx: RequestContext, input: { itemId: string; serial: string }) {
      const graph = c.graphOrThrow();
      const hp = passService();
      const item = await c.loadItem(input.itemId);
      if (!(passFrom as readonly string[]).includes(item.status))
        throw new AppError(
          "CONFLICT",
          item.status === "watching"
            ? "A pass was already issued for this person and the desk is watching for their key. End the watch first to issue another."
            : `This person is already ${item.status === "posting" ? "being registered" : item.status}.`,
        );
      const user = await c.activeUser(item.userId);
      const key = await c.keyFor(input.serial.trim(), user.id);
      let req: Awaited<ReturnType<typeof hp.check>>;
      try {
        req = await hp.check(ctx, user.id);
      } catch (e) {
        if (isAppError(e))
          await c.fail(ctx, item, [...passFrom], e.message, { serial: key.serial, stage: "pass_preflight" });
        throw e;
      }
      const before = (await lane(graph).listFido2Methods(user.id)).map((m) => m.id);
      let pass;
      try {
        pass = await hp.create(user.id, req.who, req);
      } catch (e) {
        const message = e instanceof Error ? e.message : "Entra did not issue the pass.";
        await c.fail(ctx, item, [...passFrom], message, { serial: key.serial, stage: "pass" });
        throw e;
      }
      const now = clock();
      const watchUntil = new Date(Math.min(pass.expiresAt.getTime(), now.getTime() + WATCH_MAX_MS));
      try {
        await uow.run(async (tx) => {
          const fresh = await repo.key(tx, key.id);
          if (!fresh) throw new AppError("NOT_FOUND", "The key is gone from the inventory.");
          await c.handOver(tx, ctx, { ...item, handover: "in_person" }, fresh, now);
          const reason = `Key ${key.serial} handed over at the enrollment desk`;
          const issuanceId = await hp.record(tx, ctx, user.id, pass, reason);
          const moved = await repo.moveItem(tx, item.id, [...passFrom], {
            status: "watching",
            keyId: key.id,
            serial: key.serial,
            handover: "in_person",
            passIssuedAt: now,
            passExpiresAt: pass.expiresAt,
            tapIssuanceId: issuanceId,
            watchUntil,
            lastWatchAt: null,
            methodsBefore: before,
            message: null,
          });
          if (!moved)
            throw new AppError(
              "CONFLICT",
              "This person's handover changed in another window. Reload the queue.",
            );
          await audit.record(tx, ctx, {
            action: "enrollment.handover.pass",
            subjectType: "EnrollmentItem",
            subjectId: item.id,
            after: {
              userId: user.id,
              serial: key.serial,
              keyId: key.id,
              graphMethodId: pass.id,
              issuanceId,
              lifetimeInMinutes: pass.lifetimeInMinutes,
              isUsableOnce: pass.isUsableOnce,
              expiresAt: pass.expiresAt,
              watchUntil,
            },
          });
        });
      } catch (e) {
        // Nothing half-written: a pass whose handover could not be recorded is taken back.
        await hp.revoke(user.id, pass.id).catch(() => undefined);
        throw e;
      }
      await hp.refreshQuietly(user.id);
      return {
        itemId: item.id,
        temporaryAccessPass: pass.temporaryAccessPass,
        expiresAt: pass.expiresAt,
        lifetimeInMinutes: pass.lifetimeInMinutes,
        isUsableOnce: pass.isUsableOnce,
        watchUntil,
        user: { displayName: user.displayName, userPrincipalName: user.userPrincipalName },
        key: { serial: key.serial, model: modelName(key) },
      };
    },

    /** One look at the person's FIDO2 methods (at most every WATCH_INTERVAL_MS per handover); ends the watch when due. */
    async watch(ctx: RequestContext, input: { itemId: string }) {
      const graph = c.graphOrThrow();
      const item = await c.loadItem(input.itemId);
      const base = { itemId: item.id, watchUntil: item.watchUntil, candidates: [] as Candidate[] };
      if (item.status === "enrolled") return { ...base, state: "linked" as const, read: false, note: null };
      if (item.status === "handed_over")
        return { ...base, state: "ended" as const, read: false, note: item.message };
      if (item.status !== "watching")
        throw new AppError("CONFLICT", "No pass was issued for this person: nothing to watch.");
      const now = clock();
      if (!item.watchUntil || now >= item.watchUntil) {
        await timeOut(ctx, item, "timeout");
        const ended = await c.loadItem(item.id);
        return { ...base, state: "ended" as const, read: false, note: ended.message };
      }
      const notBefore = new Date(now.getTime() - WATCH_INTERVAL_MS + 1_000);
      if (!(await repo.claimWatch(uow.db, item.id, now, notBefore)))
        return { ...base, state: "watching" as const, read: false, note: null };
      const key = await keyOf(item);
      let methods: Fido2Method[];
      try {
        methods = await lane(graph).listFido2Methods(item.userId);
      } catch (e) {
        if (!isGraphError(e) || !["throttled", "budget_exhausted", "timeout", "upstream"].includes(e.kind))
          throw e;
        const note = "Entra is busy right now; the desk looks again in a few seconds.";
        return { ...base, state: "watching" as const, read: false, note };
      }
      const candidates = newMethods(item, methods).map((m) => ({
        methodId: m.id,
        model: m.model ?? null,
        displayName: m.displayName ?? null,
        createdAt: m.createdDateTime ? new Date(m.createdDateTime) : null,
        matchesKey: fitsKey(key, m),
      }));
      return { ...base, candidates, state: "watching" as const, read: true, note: null };
    },

    /** The agent confirms the new credential is the key in hand: linked to its serial as `confirmed`. */
    async confirm(ctx: RequestContext, input: { itemId: string; methodId: string }) {
      const graph = c.graphOrThrow();
      const item = await c.loadItem(input.itemId);
      if (item.status === "enrolled" && item.methodId === input.methodId)
        return {
          itemId: item.id,
          status: "enrolled" as const,
          serial: item.serial ?? "",
          methodId: input.methodId,
        };
      if (item.status !== "watching" && item.status !== "handed_over")
        throw new AppError(
          "CONFLICT",
          `Nothing to confirm: this person is ${item.status.replace(/_/g, " ")}.`,
        );
      const key = await keyOf(item);
      const method = newMethods(item, await lane(graph).listFido2Methods(item.userId)).find(
        (m) => m.id === input.methodId,
      );
      if (!method)
        throw new AppError(
          "NOT_FOUND",
          "That credential is not a new one of this person in Entra (removed, or registered before the pass). Look again at the list.",
        );
      if (!fitsKey(key, method))
        throw new AppError(
          "CONFLICT",
          `That credential is ${method.model ? `a ${method.model}` : "another kind of authenticator"}, not a ${modelName(key)}: it is not key ${key.serial}.`,
        );
      return uow.run(async (tx) => {
        const now = clock();
        const known = await repo.credential(tx, item.userId, method.id);
        if (known?.keyId && known.keyId !== key.id)
          throw new AppError(
            "CONFLICT",
            `That credential is already linked to key ${known.key?.serial ?? "another key"}; a credential is linked to one key.`,
          );
        const fresh = await repo.key(tx, key.id);
        if (fresh?.credential && !fresh.credential.removedAt && fresh.credential.id !== known?.id)
          throw new AppError(
            "CONFLICT",
            `Key ${key.serial} already carries another credential; a key is linked to one credential.`,
          );
        await c.enroll(
          tx,
          ctx,
          { item, key, method, now },
          {
            matchMethod: "confirmed",
            from: ["watching", "handed_over"],
            conflict: "This handover was confirmed in another window. Reload the queue.",
            action: "enrollment.handover.confirm",
            before: known ? { matchMethod: known.matchMethod } : undefined,
          },
        );
        return { itemId: item.id, status: "enrolled" as const, serial: key.serial, methodId: method.id };
      });
    },

    /** The person will register later (or left): the watch ends, the key stays theirs. */
    async endWatch(ctx: RequestContext, input: { itemId: string }) {
      const item = await c.loadItem(input.itemId);
      if (item.status !== "watching")
        throw new AppError("CONFLICT", "The desk is not watching for this person's key.");
      await timeOut(ctx, item, "later");
      return { itemId: item.id, status: "handed_over" as const };
    },
  };
}

export type HandoverService = ReturnType<typeof makeHandoverService>;
