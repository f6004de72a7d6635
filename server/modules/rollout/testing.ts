// A small tenant whose every rollout figure was counted by hand (see the table in rollout.int.test.ts).
import type { PrismaClient } from "@/server/db/client";
import { DAY } from "@/server/lib/time";

export const NOW = new Date("2026-06-17T12:00:00Z"); // a Wednesday; its week starts Monday 2026-06-15
export const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
export const A1 = "aaaaaaaa-0000-4000-8000-000000000001"; // procured model m1
export const A2 = "aaaaaaaa-0000-4000-8000-000000000002"; // catalogue model m2, never bought
export const AX = "aaaaaaaa-0000-4000-8000-0000000000ff"; // no model claims it

type Cred = {
  id: string;
  userId: string;
  aaguid: string;
  keyId?: string;
  isUnknownModel?: boolean;
  created: number;
  used?: number;
  removed?: number;
  passkeyType?: string;
};

export async function seedKnownTenant(p: PrismaClient) {
  await p.site.createMany({
    data: [
      { id: "s1", code: "LON", name: "London" },
      { id: "s2", code: "BER", name: "Berlin" },
    ],
  });
  await p.keyModel.createMany({
    data: [
      { id: "m1", vendor: "Yubico", productName: "YubiKey 5 NFC", formFactor: "usb_a_nfc" },
      { id: "m2", vendor: "Feitian", productName: "ePass", formFactor: "usb_a" },
    ],
  });
  await p.keyModelAaguid.createMany({
    data: [
      { aaguid: A1, modelId: "m1" },
      { aaguid: A2, modelId: "m2" },
    ],
  });
  const user = (
    id: string,
    department: string | null,
    siteId: string | null,
    extra: Record<string, unknown> = {},
  ) => ({
    id,
    userPrincipalName: `${id}@t.example`,
    displayName: `User ${id}`,
    department,
    siteId,
    ...extra,
  });
  await p.directoryUser.createMany({
    data: [
      user("u1", "IT", "s1", { isPasswordlessCapable: true }),
      user("u2", "Finance", "s1"),
      user("u3", "Finance", "s2", { methodsRegistered: ["windowsHelloForBusiness"] }),
      user("u4", "Finance", "s2", { methodsRegistered: ["mobilePhone"] }),
      user("u5", "IT", null),
      user("u6", "IT", "s1"),
      user("u7", "IT", "s1", { accountEnabled: false }),
      user("u8", "IT", "s1", { userType: "guest" }),
      user("u9", "Sales", "s1", { isPasswordlessCapable: true }),
    ],
  });
  await p.securityKey.createMany({
    data: [
      { id: "k1", serial: "K1", status: "active" },
      { id: "k2", serial: "K2", status: "active" },
      { id: "k3", serial: "K3", status: "active" },
      { id: "k4", serial: "K4", status: "assigned" },
      { id: "k7", serial: "K7", status: "active" },
      { id: "k8", serial: "K8", status: "in_stock" },
    ].map((k) => ({
      ...k,
      status: k.status as "active" | "assigned" | "in_stock",
      vendor: "Yubico",
      modelId: "m1",
      siteId: "s1",
    })),
  });
  await p.keyAssignment.createMany({
    data: [
      ["k1", "u1", 30],
      ["k2", "u1", 30],
      ["k3", "u2", 27],
      ["k4", "u3", 3],
      ["k7", "u7", 40],
    ].map(([keyId, userId, d]) => ({
      keyId: keyId as string,
      userId: userId as string,
      assignedAt: ago(d as number),
      assignedById: "seed",
    })),
  });
  const creds: Cred[] = [
    { id: "c1", userId: "u1", aaguid: A1, keyId: "k1", created: 28, used: 5 },
    { id: "c2", userId: "u1", aaguid: A1, keyId: "k2", created: 20 },
    { id: "c3", userId: "u2", aaguid: A1, keyId: "k3", created: 22 },
    { id: "c4", userId: "u4", aaguid: A1, created: 60, removed: 10 },
    { id: "c5", userId: "u5", aaguid: AX, isUnknownModel: true, created: 200, used: 150 },
    { id: "c7", userId: "u7", aaguid: A1, keyId: "k7", created: 38, used: 1 },
    { id: "c9", userId: "u9", aaguid: A2, created: 50, used: 1 },
  ];
  await p.entraCredential.createMany({
    data: creds.map((c) => ({
      id: c.id,
      methodId: `m-${c.id}`,
      userId: c.userId,
      aaguid: c.aaguid,
      keyId: c.keyId ?? null,
      isUnknownModel: c.isUnknownModel ?? false,
      passkeyType: c.passkeyType ?? "deviceBound",
      createdDateTime: ago(c.created),
      firstSeenAt: ago(c.created),
      lastUsedAt: c.used === undefined ? null : ago(c.used),
      removedAt: c.removed === undefined ? null : ago(c.removed),
      matchMethod: c.keyId ? "inferred" : null,
    })),
  });
  await p.purchaseOrder.create({
    data: {
      id: "po1",
      number: "PO-1",
      vendor: "Yubico",
      status: "received",
      siteId: "s1",
      createdById: "seed",
      lines: { create: { modelId: "m1", quantity: 6, unitCostCents: 5000, receivedQuantity: 6 } },
    },
  });
  // Waves: W1 from a group (members written as the groups phase would), W2 a department filter, W3 matches nobody.
  await p.rolloutWave.createMany({
    data: [
      {
        id: "w1",
        name: "Pilot",
        groupIds: ["g-pilot"],
        filter: { groupNames: { "g-pilot": "Pilot group" } },
        startDate: ago(60),
        registrationDeadline: ago(10),
        enforcementDate: ago(-5),
        targetPercent: 100,
        requiresBackupKey: true,
      },
      {
        id: "w2",
        name: "Finance",
        filter: { department: ["Finance"], siteId: [] },
        startDate: ago(20),
        registrationDeadline: ago(-20),
        enforcementDate: null,
        targetPercent: 90,
      },
      {
        id: "w3",
        name: "Empty",
        filter: { department: ["Nobody"], siteId: [] },
        startDate: ago(5),
        registrationDeadline: ago(-40),
        enforcementDate: ago(-60),
        targetPercent: 80,
      },
    ],
  });
  await p.waveMember.createMany({
    data: ["u1", "u2", "u5", "u6", "u7", "u8"].map((userId) => ({ waveId: "w1", userId })),
  });
  await p.waveMember.createMany({ data: ["u2", "u3", "u4"].map((userId) => ({ waveId: "w2", userId })) });
  // The FIDO2 policy as sync stores it: migrated to passkey profiles, the default allowing A1 and A2, device-bound only.
  await p.setting.create({
    data: {
      key: "entra.fido2Policy",
      value: {
        id: "Fido2",
        state: "enabled",
        defaultPasskeyProfile: "p1",
        includeTargets: [],
        excludeTargets: [],
        keyRestrictions: { isEnforced: false, enforcementType: "allow", aaGuids: [] },
        passkeyProfiles: [
          {
            id: "p1",
            passkeyTypes: "deviceBound",
            keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: [A1.toUpperCase(), A2] },
          },
        ],
      },
    },
  });
}

/** The synced mirror's departments, largest first. */
export async function departmentsBySize(p: PrismaClient): Promise<string[]> {
  const groups = await p.directoryUser.groupBy({
    by: ["department"],
    where: { deletedAt: null, department: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { id: "desc" } },
  });
  return groups.map((g) => g.department!);
}
