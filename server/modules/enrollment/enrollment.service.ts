import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import type { Fido2Method, WebauthnPublicKeyCredential } from "@/server/graph/port";
import { makeEnrollmentContext, modelName, type EnrollmentDeps } from "./enrollment-context";
import type { EnrollmentItemRow } from "./enrollment.repository";
import { plainRefusal } from "./graph-refusal";
import { preflight } from "./preflight";
import { assertGraphConfigured } from "@/server/graph/unconfigured";

// Registering a key in Entra on a person's behalf (docs/ENROLLMENT.md). The order is what makes it safe to
// resume: the item is marked `posting` (committed) before the POST, the POST, then one transaction links the
// credential, assigns and activates the key. A crash or a lost answer leaves `posting`; finishing it looks in
// Entra for the credential first and never posts the same key twice.

export type { EnrollmentDeps } from "./enrollment-context";

/** Graph's createdDateTime has whole seconds and Entra's clock is not ours: how far before the POST a match may look. */
const RESUME_SKEW_MS = 60_000;

export function makeEnrollmentService(deps: EnrollmentDeps) {
  const { uow, repo, audit, clock } = deps;
  const c = makeEnrollmentContext(deps);
  const { loadItem, activeUser, keyFor, fail } = c;

  /** Links what Entra created to the key, hands the key over (or books it for shipping) and activates it. */
  async function link(ctx: RequestContext, item: EnrollmentItemRow, method: Fido2Method) {
    return uow.run(async (tx) => {
      const now = clock();
      const key = await repo.key(tx, item.keyId!);
      if (!key) throw new AppError("NOT_FOUND", "The key of this enrollment is gone from the inventory.");
      await c.handOver(tx, ctx, item, key, now);
      await c.enroll(
        tx,
        ctx,
        { item, key, method, now },
        {
          matchMethod: "enrolled",
          from: ["posting"],
          conflict: "This enrollment was finished in another window. Reload the queue.",
          action: "enrollment.enroll",
          after: { handover: item.handover ?? "in_person" },
        },
      );
      return {
        itemId: item.id,
        status: "enrolled" as const,
        serial: key.serial,
        methodId: method.id,
        handover: item.handover ?? "in_person",
      };
    });
  }

  /** After a crash or a lost answer: the credential Entra made for this key, if the POST got through. */
  async function findCreated(item: EnrollmentItemRow): Promise<Fido2Method | "none" | "ambiguous"> {
    const key = await repo.key(uow.db, item.keyId!);
    const aaguids = new Set(key?.model.aaguids.map((a) => a.aaguid) ?? []);
    const since = (item.postedAt?.getTime() ?? 0) - RESUME_SKEW_MS;
    const [methods, linked] = await Promise.all([
      deps.graph.listFido2Methods(item.userId),
      repo.linkedMethodIds(uow.db, item.userId),
    ]);
    const candidates = methods.filter(
      (m) =>
        !linked.has(m.id) &&
        aaguids.has((m.aaGuid ?? "").toLowerCase()) &&
        Date.parse(m.createdDateTime ?? "") >= since,
    );
    return candidates.length === 1 ? candidates[0]! : candidates.length ? "ambiguous" : "none";
  }

  return {
    /** Checks what Entra would refuse, then fetches creation options for the person (v1.0: a 5-minute challenge). */
    async start(
      ctx: RequestContext,
      input: { itemId: string; serial: string; handover: "in_person" | "shipped" },
    ) {
      const { graph } = deps;
      const item = await loadItem(input.itemId);
      if (item.status === "enrolled" || item.status === "skipped")
        throw new AppError("CONFLICT", `This person is already ${item.status}.`);
      if (item.status === "watching" || item.status === "handed_over")
        throw new AppError(
          "CONFLICT",
          "This person was handed a key with a pass to register it themselves; it is linked when they do.",
        );
      if (item.status === "posting")
        throw new AppError(
          "CONFLICT",
          "A registration for this person was sent to Entra and not finished. Press Finish: KeyFleet looks in Entra before sending anything again.",
        );
      const user = await activeUser(item.userId);
      const serial = input.serial.trim();
      const key = await keyFor(serial, user.id);
      const pf = preflight({
        policy: await graph.getFido2Policy(),
        user: {
          id: user.id,
          displayName: user.displayName,
          groupIds: await repo.groupIdsOf(uow.db, user.id),
        },
        model: { name: modelName(key), aaguids: key.model.aaguids.map((a) => a.aaguid) },
      });
      if (pf.refusals.length) {
        const message = pf.refusals.join(" ");
        await fail(ctx, item, ["queued", "started", "failed"], message, { serial, stage: "preflight" });
        throw new AppError("PRECONDITION_FAILED", message, { refusals: pf.refusals });
      }
      const options = await graph.getFido2CreationOptions(user.id);
      const expiresAt = options.challengeTimeoutDateTime
        ? new Date(options.challengeTimeoutDateTime)
        : new Date(clock().getTime() + 5 * 60_000);
      await uow.run(async (tx) => {
        if (
          !(await repo.moveItem(tx, item.id, ["queued", "started", "failed"], {
            status: "started",
            keyId: key.id,
            serial: key.serial,
            handover: input.handover,
            challengeExpiresAt: expiresAt,
            message: null,
          }))
        ) {
          throw new AppError("CONFLICT", "This enrollment changed in another window. Reload the queue.");
        }
        await audit.record(tx, ctx, {
          action: "enrollment.start",
          subjectType: "EnrollmentItem",
          subjectId: item.id,
          after: {
            userId: user.id,
            serial: key.serial,
            keyId: key.id,
            handover: input.handover,
            challengeExpiresAt: expiresAt,
          },
        });
      });
      return {
        itemId: item.id,
        options,
        challengeTimeoutDateTime: expiresAt.toISOString(),
        notes: pf.notes,
        attestationRequired: pf.attestationRequired,
        user: { displayName: user.displayName, userPrincipalName: user.userPrincipalName },
        key: {
          serial: key.serial,
          model: modelName(key),
          supportsForcedPinChange: key.model.supportsForcedPinChange,
        },
      };
    },

    /** Posts what the key answered; or, after a crash, finds what an earlier post created and links that instead. */
    async complete(
      ctx: RequestContext,
      input: { itemId: string; credential?: WebauthnPublicKeyCredential | null },
    ) {
      const { graph } = deps;
      // The item is marked as posting before Entra is called: without a tenant, refuse before that.
      assertGraphConfigured(graph, "createFido2Method");
      let item = await loadItem(input.itemId);
      if (item.status === "enrolled")
        return {
          itemId: item.id,
          status: "enrolled" as const,
          serial: item.serial ?? "",
          methodId: item.methodId ?? "",
          handover: item.handover ?? "in_person",
        };
      if (item.status === "posting") {
        const found = await findCreated(item);
        if (found === "ambiguous") {
          await fail(
            ctx,
            item,
            ["posting"],
            "Entra holds more than one new credential of this model for this person, so KeyFleet cannot tell which is this key. Confirm it in Users → Match review.",
            { stage: "resume" },
          );
          throw new AppError(
            "CONFLICT",
            "Entra holds more than one new credential of this model for this person; confirm the right one from the person's page.",
          );
        }
        if (found !== "none") return link(ctx, item, found);
        if (!input.credential) {
          await fail(
            ctx,
            item,
            ["posting"],
            "The earlier registration never reached Entra. Press Try again and touch the key again.",
            { stage: "resume" },
          );
          throw new AppError(
            "CONFLICT",
            "The earlier registration never reached Entra. Press Try again and touch the key again.",
          );
        }
      } else if (item.status !== "started") {
        throw new AppError(
          "CONFLICT",
          "Start this enrollment first: scan the key's serial and press Enroll.",
        );
      }
      if (!input.credential)
        throw new AppError("BAD_REQUEST", "The key's answer is missing. Touch the key again.");
      const now = clock();
      if (item.challengeExpiresAt && item.challengeExpiresAt < now) {
        const message =
          "The key answered after the 5 minutes Entra gives each registration. Press Try again for fresh options and touch the key again.";
        await fail(ctx, item, ["started"], message, { stage: "challenge" });
        throw new AppError("PRECONDITION_FAILED", message, { refusal: "challenge_expired" });
      }
      // Committed before the POST: from here on, a retry looks in Entra first.
      if (
        !(await repo.moveItem(uow.db, item.id, ["started", "posting"], { status: "posting", postedAt: now }))
      ) {
        throw new AppError("CONFLICT", "This enrollment changed in another window. Reload the queue.");
      }
      item = { ...item, status: "posting", postedAt: now };
      let created: Fido2Method;
      try {
        created = await graph.createFido2Method(item.userId, {
          displayName: `${item.serial ?? "Security key"} (KeyFleet)`,
          publicKeyCredential: input.credential,
        });
      } catch (e) {
        const refusal = plainRefusal(e);
        if (!refusal) {
          // No answer, or not a refusal: stays `posting`; Finish looks in Entra before anything is sent again.
          if (e instanceof AppError && (e as { kind?: string }).kind === "permission") throw e;
          throw new AppError(
            "UPSTREAM",
            "Entra did not confirm the registration. Press Finish: KeyFleet looks in Entra for the key before sending anything again.",
            { itemId: item.id },
            { cause: e },
          );
        }
        await fail(ctx, item, ["posting"], refusal.message, {
          serial: item.serial,
          stage: "post",
          refusal: refusal.details?.refusal,
        });
        throw refusal;
      }
      return link(ctx, item, created);
    },
  };
}

export type EnrollmentService = ReturnType<typeof makeEnrollmentService>;
