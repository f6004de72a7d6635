import type { PrismaClient } from "@/server/db/client";
import { DAY } from "@/server/lib/time";
import type { Services } from "@/server/container";
import type { GraphPort } from "@/server/graph/port";
import { sites as simSites } from "@/server/graph/simulator/catalog";
import type { SimulatorControl } from "@/server/graph/simulator/control";
import { makeAuditRepository } from "@/server/modules/audit/audit.repository";
import { settingKeys } from "@/server/modules/sync/sync.service";
import { procured } from "./demo-models";

export { demoExtraModels } from "./demo-models";

// Demo mode fills the database the way production does: KeyFleet's own records (sites, models, purchase
// orders, stock, the keys it handed out) are seeded; everything Entra knows (users, credentials, groups,
// policies) arrives by syncing from the simulated tenant; matching then links credentials to keys. The
// keys handed out are the simulated organisation's ground truth, so matching can be scored.

export interface DemoFillResult {
  users: number;
  credentials: number;
  keys: number;
  matched: number;
  reviewQueued: number;
  snapshots: number;
}

export async function fillDemoIfEmpty(
  prisma: PrismaClient,
  deps: { services: Services; graph: GraphPort; control: SimulatorControl },
): Promise<DemoFillResult | null> {
  if ((await prisma.keyModel.count()) > 0) return null;
  return fillDemo(prisma, deps);
}

export async function fillDemo(
  prisma: PrismaClient,
  { services, graph, control }: { services: Services; graph: GraphPort; control: SimulatorControl },
): Promise<DemoFillResult> {
  const now = services.clock();
  const siteId = (i: number) => `site-${i + 1}`;
  const models = procured.map((m, i) => ({ ...m, id: `model-${i + 1}` }));
  const modelByAaguid = new Map<string, (typeof models)[number]>();
  for (const m of models) for (const a of m.aaguids) if (!modelByAaguid.has(a)) modelByAaguid.set(a, m);
  const groups: { id: string; displayName?: string }[] = [];
  for await (const page of graph.listGroups()) groups.push(...page);
  const groupOf = (prefix: string) => groups.find((g) => g.displayName?.startsWith(prefix));
  const groupId = (prefix: string) => groupOf(prefix)?.id;

  // 1. KeyFleet's own records: sites (one per office, plus a warehouse), models, reorder points, waves.
  await prisma.$transaction(async (tx) => {
    await tx.site.createMany({
      data: [
        ...simSites.map((s, i) => ({
          id: siteId(i),
          code: s.name.slice(0, 3).toUpperCase(),
          name: s.name,
          city: s.name,
          officeLocation: s.officeLocation,
        })),
        {
          id: "site-wh",
          code: "WH",
          name: "Central warehouse",
          kind: "warehouse" as const,
          city: "Rotterdam",
        },
      ],
    });
    await tx.keyModel.createMany({ data: models.map(({ aaguids: _a, ...m }) => m) });
    await tx.keyModelAaguid.createMany({
      data: models.flatMap((m) => m.aaguids.map((aaguid) => ({ aaguid, modelId: m.id }))),
    });
    const main = models.find((m) => m.productName === "YubiKey 5 NFC")!;
    await tx.reorderPoint.createMany({
      data: simSites.map((_, i) => ({ siteId: siteId(i), modelId: main.id, minimum: 10 })),
    });
    const waves = [
      {
        name: "Wave 1 — IT and Security",
        group: "FIDO2 Rollout Wave 1",
        start: -150,
        deadline: -110,
        enforce: -90,
        target: 100,
        backup: true,
      },
      {
        name: "Wave 2 — Finance and Legal",
        group: "FIDO2 Rollout Wave 2",
        start: -60,
        deadline: -10,
        enforce: 20,
        target: 95,
        backup: false,
      },
      {
        name: "Wave 3 — Europe",
        group: "FIDO2 Rollout Wave 3",
        start: -20,
        deadline: 40,
        enforce: 70,
        target: 90,
        backup: false,
      },
      {
        name: "Wave 4 — Americas and APAC",
        group: "FIDO2 Rollout Wave 4",
        start: 14,
        deadline: 75,
        enforce: 105,
        target: 90,
        backup: false,
      },
    ];
    for (const [i, w] of waves.entries()) {
      const g = groupOf(w.group);
      await tx.rolloutWave.create({
        data: {
          // The group's name labels the wave in the portal (rollout/waves.ts); membership comes from its id.
          id: `wave-${i + 1}`,
          name: w.name,
          groupIds: g ? [g.id] : [],
          filter: g ? { groupNames: { [g.id]: g.displayName ?? g.id } } : undefined,
          startDate: new Date(now.getTime() + w.start * DAY),
          registrationDeadline: new Date(now.getTime() + w.deadline * DAY),
          enforcementDate: new Date(now.getTime() + w.enforce * DAY),
          targetPercent: w.target,
          requiresBackupKey: w.backup,
        },
      });
    }
    const tier0 = groupId("Privileged Access");
    if (tier0) await tx.setting.create({ data: { key: settingKeys.privilegedGroups, value: [tier0] } });
  });

  // 2. Everything Entra knows, by syncing.
  const first = await services.sync.run({ full: true });
  if (first.skipped) throw new Error("demo fill: a sync was already running");

  // 3. The keys the organisation handed out (ground truth), bought on purchase orders and assigned to
  //    their holders when handed out; plus stock on the shelves.
  const live = new Set(
    (
      await prisma.directoryUser.findMany({ where: { deletedAt: null }, select: { id: true, siteId: true } })
    ).map((u) => u.id),
  );
  const userSite = new Map(
    (await prisma.directoryUser.findMany({ select: { id: true, siteId: true } })).map((u) => [
      u.id,
      u.siteId,
    ]),
  );
  const handedOut = control
    .groundTruth()
    .filter((k) => !k.isPersonal && modelByAaguid.has(k.aaGuid) && live.has(k.userId));
  const byModel = new Map<string, typeof handedOut>();
  for (const k of handedOut) {
    const m = modelByAaguid.get(k.aaGuid)!;
    byModel.set(m.id, [...(byModel.get(m.id) ?? []), k]);
  }
  let stockSerial = 90_000_000;
  const keyRows: {
    id: string;
    serial: string;
    vendor: string;
    modelId: string;
    poLineId: string;
    siteId: string;
    status: "assigned" | "in_stock";
    custodianId: string | null;
    statusChangedAt: Date;
    createdAt: Date;
  }[] = [];
  const assignments: {
    keyId: string;
    userId: string;
    assignedAt: Date;
    assignedById: string;
    handover: "in_person";
  }[] = [];
  let po = 0;
  for (const [modelId, keys] of byModel) {
    const m = models.find((x) => x.id === modelId)!;
    const earliest = Math.min(...keys.map((k) => Date.parse(k.issuedAt)));
    const stock = Math.max(5, Math.round(keys.length * 0.15));
    const poId = `po-demo-${++po}`;
    const orderedAt = new Date(earliest - (m.leadTimeDays + 7) * DAY);
    await prisma.purchaseOrder.create({
      data: {
        id: poId,
        number: `PO-DEMO-${String(po).padStart(4, "0")}`,
        vendor: m.vendor,
        status: "received",
        siteId: "site-wh",
        orderedAt,
        expectedDate: new Date(orderedAt.getTime() + m.leadTimeDays * DAY),
        receivedAt: new Date(orderedAt.getTime() + m.leadTimeDays * DAY),
        createdById: "demo-procurement",
        lines: {
          create: {
            id: `${poId}-l1`,
            modelId,
            quantity: keys.length + stock,
            unitCostCents: m.unitCostCents,
            receivedQuantity: keys.length + stock,
          },
        },
      },
    });
    for (const k of keys) {
      const id = `key-${k.vendor}-${k.serial}`.toLowerCase();
      keyRows.push({
        id,
        serial: k.serial,
        vendor: k.vendor,
        modelId,
        poLineId: `${poId}-l1`,
        siteId: userSite.get(k.userId) ?? "site-wh",
        status: "assigned",
        custodianId: k.userId,
        statusChangedAt: new Date(k.issuedAt),
        createdAt: orderedAt,
      });
      assignments.push({
        keyId: id,
        userId: k.userId,
        assignedAt: new Date(k.issuedAt),
        assignedById: "demo-helpdesk",
        handover: "in_person",
      });
    }
    for (let i = 0; i < stock; i++) {
      keyRows.push({
        id: `key-stock-${stockSerial}`,
        serial: String(stockSerial++),
        vendor: m.vendor,
        modelId,
        poLineId: `${poId}-l1`,
        siteId: siteId(i % simSites.length),
        status: "in_stock",
        custodianId: null,
        statusChangedAt: orderedAt,
        createdAt: orderedAt,
      });
    }
  }
  for (let i = 0; i < keyRows.length; i += 5_000)
    await prisma.securityKey.createMany({ data: keyRows.slice(i, i + 5_000), skipDuplicates: true });
  for (let i = 0; i < assignments.length; i += 5_000)
    await prisma.keyAssignment.createMany({ data: assignments.slice(i, i + 5_000) });

  // 4. Matching links the credentials the sync brought to the keys just assigned; 90 days of trends.
  const m = await services.matching.run();
  const snapshots = await services.snapshots.backfill(90);
  await services.rollout.figures.refresh(); // the keys just assigned count in the rollout figures
  await prisma.$transaction((tx) =>
    makeAuditRepository().append(tx, {
      at: now,
      actorId: "system",
      actorName: "KeyFleet",
      role: "system",
      action: "demo.seed",
      subjectType: "Tenant",
      subjectId: "simulated",
      before: null,
      after: {
        users: first.users,
        credentials: first.credentials,
        keys: keyRows.length,
        matched: m.matched,
        reviewQueued: m.reviewQueued,
      },
      requestId: "demo-seed",
    }),
  );
  return {
    users: first.users,
    credentials: first.credentials,
    keys: keyRows.length,
    matched: m.matched,
    reviewQueued: m.reviewQueued,
    snapshots: snapshots.rows,
  };
}
