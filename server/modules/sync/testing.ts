// Test helpers: a KeyFleet database next to a simulated tenant, and KeyFleet-side keys made from the
// simulator's ground truth so matching can be scored.
import type { PrismaClient } from "@/server/db/client";
import type { RunningSimulator, StartSimulatorOptions } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { buildServices } from "@/server/container";
import { createTestDatabase } from "@/server/db/testing";
import { knownModels } from "@/prisma/seed/known-models";
import { demoExtraModels } from "@/prisma/seed/demo-models";

/** Key models (with AAGUIDs) as procurement would have them; `exclude` leaves vendors out (e.g. personal-key makers). */
export async function seedModels(prisma: PrismaClient, exclude: string[] = ["Google", "Nitrokey"]) {
  // The simulated organisation also hands out models the known-model table lacks (YubiKey 5C, IDPrime 931).
  const models = [...knownModels, ...demoExtraModels]
    .filter((m) => !exclude.includes(m.vendor))
    .map((m, i) => ({ ...m, id: `model-${i + 1}` }));
  await prisma.keyModel.createMany({ data: models.map(({ aaguids: _a, ...m }) => m) });
  await prisma.keyModelAaguid.createMany({
    data: models.flatMap((m) => m.aaguids.map((aaguid) => ({ aaguid, modelId: m.id }))),
  });
  const byAaguid = new Map<string, string>();
  for (const m of models) for (const a of m.aaguids) if (!byAaguid.has(a)) byAaguid.set(a, m.id);
  return byAaguid;
}

/**
 * KeyFleet's side of the organisation's keys: every key the simulated organisation handed out (not the
 * personal ones), assigned to its holder when it was handed out. Users must already be in the mirror.
 */
export async function seedAssignedKeysFromGroundTruth(
  prisma: PrismaClient,
  sim: RunningSimulator,
  modelByAaguid: Map<string, string>,
  siteId: string,
) {
  const live = new Set(
    (await prisma.directoryUser.findMany({ where: { deletedAt: null }, select: { id: true } })).map(
      (u) => u.id,
    ),
  );
  const truth = sim.control
    .groundTruth()
    .filter((k) => !k.isPersonal && modelByAaguid.has(k.aaGuid) && live.has(k.userId));
  const keys = truth.map((k) => ({
    id: `key-${k.vendor}-${k.serial}`,
    serial: k.serial,
    vendor: k.vendor,
    modelId: modelByAaguid.get(k.aaGuid)!,
    siteId,
    status: "assigned" as const,
    custodianId: k.userId,
    statusChangedAt: new Date(k.issuedAt),
  }));
  for (let i = 0; i < keys.length; i += 5000) {
    await prisma.securityKey.createMany({ data: keys.slice(i, i + 5000), skipDuplicates: true });
    await prisma.keyAssignment.createMany({
      data: keys.slice(i, i + 5000).map((k) => ({
        keyId: k.id,
        userId: k.custodianId,
        assignedAt: k.statusChangedAt,
        assignedById: "seed",
        handover: "in_person" as const,
      })),
    });
  }
  return truth;
}

/** Matching scored against the simulator's ground truth (serial ↔ credential id). */
export async function scoreMatching(prisma: PrismaClient, sim: RunningSimulator) {
  const truth = sim.control.groundTruth();
  const serialOfCredential = new Map(
    truth.filter((k) => k.credentialId).map((k) => [k.credentialId!, `${k.vendor}|${k.serial}`]),
  );
  const linked = await prisma.entraCredential.findMany({
    where: { keyId: { not: null }, removedAt: null },
    select: { methodId: true, key: { select: { serial: true, vendor: true } } },
  });
  const correct = linked.filter(
    (c) => serialOfCredential.get(c.methodId) === `${c.key!.vendor}|${c.key!.serial}`,
  ).length;
  const keyfleetSerials = new Set(
    (
      await prisma.securityKey.findMany({
        where: { custodianId: { not: null } },
        select: { serial: true, vendor: true },
      })
    ).map((k) => `${k.vendor}|${k.serial}`),
  );
  const live = new Set(
    (await prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } })).map(
      (c) => c.methodId,
    ),
  );
  const relevant = truth.filter(
    (k) => k.credentialId && live.has(k.credentialId) && keyfleetSerials.has(`${k.vendor}|${k.serial}`),
  ).length;
  return {
    linked: linked.length,
    correct,
    relevant,
    precision: linked.length ? correct / linked.length : 1,
    recall: relevant ? correct / relevant : 1,
  };
}

/**
 * A simulated tenant, a fresh KeyFleet database and the services over them (Graph without its waits), after
 * one sync that must succeed: the set-up of a test that reads a synced mirror.
 */
export async function startSyncedTenant(options: Partial<StartSimulatorOptions> = {}) {
  const sim = await startTestSimulator(options);
  const db = await createTestDatabase();
  const services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  const run = await services.sync.run();
  if (run.skipped || run.status !== "succeeded") throw new Error(`sync failed: ${JSON.stringify(run)}`);
  return { sim, db, services };
}
