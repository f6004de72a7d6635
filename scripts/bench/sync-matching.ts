// bench:sync's KeyFleet side: the keys the organisation handed out (from the tenant's ground truth), a
// share of them enrolled through KeyFleet, matching, an agent confirming queued links with the key in
// hand, and the score against ground truth by match method (docs/ARCHITECTURE.md, "Linking a credential").
import type { PrismaClient } from "../../server/db/client";
import type { GraphPort } from "../../server/graph/port";
import type { Truth } from "./sync-sim";

type Db = PrismaClient;
const keyId = (k: Truth) => `key-${k.vendor}-${k.serial}`;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)} %` : "n/a");

/** KeyFleet's bookkeeping before the first sync is matched: keys assigned to their holders when handed out. */
export async function seedKeys(prisma: Db, handed: Truth[], modelByAaguid: Map<string, string>) {
  for (let i = 0; i < handed.length; i += 5000) {
    const slice = handed.slice(i, i + 5000).map((k) => ({
      id: keyId(k),
      serial: k.serial,
      vendor: k.vendor,
      modelId: modelByAaguid.get(k.aaGuid)!,
      siteId: "site-wh",
      status: "assigned" as const,
      custodianId: k.userId,
      statusChangedAt: new Date(k.issuedAt),
    }));
    await prisma.securityKey.createMany({ data: slice, skipDuplicates: true });
    await prisma.keyAssignment.createMany({
      data: slice.map((k) => ({
        keyId: k.id,
        userId: k.custodianId,
        assignedAt: k.statusChangedAt,
        assignedById: "bench",
      })),
    });
  }
}

/**
 * Every `every`-th handed key whose credential the mirror holds was enrolled at a KeyFleet station: the
 * credential id was known at creation and recorded as the enrollment service records it.
 */
export async function recordEnrolled(prisma: Db, handed: Truth[], every: number): Promise<number> {
  const { makeEnrollmentRepository } = await import("../../server/modules/enrollment/enrollment.repository");
  const repo = makeEnrollmentRepository();
  const mirrored = await prisma.entraCredential.findMany({
    where: { removedAt: null },
    select: { methodId: true, userId: true, aaguid: true, createdDateTime: true },
  });
  const byMethod = new Map(mirrored.map((c) => [c.methodId, c]));
  const now = new Date();
  let n = 0;
  for (const [i, k] of handed.entries()) {
    const c = k.credentialId ? byMethod.get(k.credentialId) : undefined;
    if (i % every !== 0 || !c || c.userId !== k.userId) continue;
    await repo.linkEnrolled(prisma, {
      ...c,
      model: null,
      displayName: null,
      attestationLevel: null,
      passkeyType: "deviceBound",
      keyId: keyId(k),
      agentId: "bench-station",
      now,
    });
    await repo.activateKey(prisma, keyId(k), now);
    n++;
  }
  return n;
}

/** Matching (inferred links), then an agent confirms each queued credential whose key they hold. */
export async function matchAndConfirm(prisma: Db, graph: GraphPort, truth: Truth[]) {
  const { buildServices } = await import("../../server/container");
  const services = buildServices({ prisma, graph });
  const t0 = Date.now();
  const m = await services.matching.run();
  const seconds = (Date.now() - t0) / 1000;
  const keyOf = new Map(truth.filter((k) => k.credentialId).map((k) => [k.credentialId!, k]));
  const ctx = {
    actor: { id: "bench-agent", name: "Bench agent", email: null, roles: ["helpdesk" as const] },
    requestId: "bench",
  };
  let confirmed = 0;
  for (const review of await services.matching.listOpenReviews(100_000)) {
    const k = keyOf.get(review.credential.methodId);
    if (!k || !(review.candidateKeyIds as string[]).includes(keyId(k))) continue;
    await services.matching.confirmReview(ctx, { reviewId: review.id, keyId: keyId(k) }).then(
      () => confirmed++,
      () => undefined,
    );
  }
  return { ...m, seconds, confirmed };
}

/** Links against ground truth: precision per match method, their shares, recall over KeyFleet's keys. */
export async function scoreMatching(prisma: Db, truth: Truth[], handed: Truth[]) {
  const serialOf = new Map(
    truth.filter((k) => k.credentialId).map((k) => [k.credentialId!, `${k.vendor}|${k.serial}`]),
  );
  const linked = await prisma.entraCredential.findMany({
    where: { keyId: { not: null }, removedAt: null },
    select: { methodId: true, matchMethod: true, key: { select: { serial: true, vendor: true } } },
  });
  const live = new Set(
    (await prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } })).map(
      (c) => c.methodId,
    ),
  );
  const right = (c: (typeof linked)[number]) =>
    serialOf.get(c.methodId) === `${c.key!.vendor}|${c.key!.serial}`;
  const correct = linked.filter(right).length;
  const keyfleet = new Set(handed.map((k) => `${k.vendor}|${k.serial}`));
  const relevant = truth.filter(
    (k) => k.credentialId && live.has(k.credentialId) && keyfleet.has(`${k.vendor}|${k.serial}`),
  ).length;
  console.log(
    `\nMatching vs ground truth: precision ${pct(correct, linked.length)} (${correct}/${linked.length}), recall ${pct(correct, relevant)} (${correct}/${relevant})`,
  );
  for (const method of ["inferred", "enrolled", "confirmed"] as const) {
    const of = linked.filter((c) => c.matchMethod === method);
    const ok = of.filter(right).length;
    const note =
      method === "inferred" ? "" : " (100 % by construction: the credential id is known, not guessed)";
    console.log(
      `  ${method.padEnd(9)} ${String(of.length).padStart(6)} links, ${pct(of.length, linked.length).padStart(8)} of all; precision ${pct(ok, of.length)} (${ok}/${of.length})${note}`,
    );
  }
  return {
    precision: linked.length ? correct / linked.length : null,
    recall: relevant ? correct / relevant : null,
  };
}
