import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { userListInput } from "./dashboards.schemas";
import { listUsers } from "./user-list.repository";
import { yubikey5c } from "@/server/db/fixtures";

let db: TestDatabase;
let services: Services;

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
  const p = db.prisma;
  await p.site.create({ data: { id: "s1", code: "LON", name: "London" } });
  await p.keyModel.create({
    data: yubikey5c,
  });
  const po = (
    number: string,
    status: "draft" | "ordered" | "partially_received" | "received" | "cancelled",
    quantity: number,
    receivedQuantity: number,
  ) =>
    p.purchaseOrder.create({
      data: {
        number,
        vendor: "Yubico",
        status,
        siteId: "s1",
        createdById: "t",
        lines: { create: { modelId: "m1", quantity, unitCostCents: 5000, receivedQuantity } },
      },
    });
  await po("PO-1", "draft", 10, 0);
  await po("PO-2", "ordered", 150, 0);
  await po("PO-3", "partially_received", 80, 50);
  await po("PO-4", "received", 40, 40);
  await po("PO-5", "cancelled", 20, 0);
  const statuses = ["in_stock", "in_stock", "assigned", "active", "lost"] as const;
  await p.securityKey.createMany({
    data: statuses.map((status, i) => ({
      serial: `S${i}`,
      vendor: "Yubico",
      modelId: "m1",
      siteId: "s1",
      status,
    })),
  });
});
afterAll(async () => {
  await db?.close();
});

describe("dashboard summary", () => {
  it("counts keys on order as the units not yet received on open purchase orders", async () => {
    const summary = await services.dashboard.summary();
    // Only ordered (150) and partially received (80 − 50) orders count; draft, received and cancelled do not.
    expect(summary.openPurchaseOrders).toBe(2);
    expect(summary.unitsOnOrder).toBe(150 + 30);
  });

  it("counts every key exactly once, by status", async () => {
    const summary = await services.dashboard.summary();
    expect(summary.keys.total).toBe(5);
    expect(summary.keys.byStatus).toMatchObject({ in_stock: 2, assigned: 1, active: 1, lost: 1, ordered: 0 });
  });
});

describe("users list search", () => {
  // Two plans for a search (user-list.repository.ts): collect the matches and sort them, or walk the
  // sort's index. Either must give the page the unsearched list gives once narrowed, whatever the count.
  const firsts = ["Ada", "Noah", "Zoe", "Liam"];
  const depts = ["Engineering", "Sales", null];
  beforeAll(async () => {
    await db.prisma.directoryUser.createMany({
      data: Array.from({ length: 48 }, (_, i) => ({
        id: `lu${i}`,
        displayName: `${firsts[i % 4]} ${["Ames", "Shaw", "Noakes"][i % 3]} ${i}`,
        userPrincipalName: `list${i}@t.example`,
        department: depts[i % 3],
        officeLocation: i % 5 ? `Floor ${i % 5}` : null,
        deletedAt: i === 2 ? new Date() : null, // "Zoe Noakes 2", deleted: never listed
      })),
    });
  });

  const params = { now: new Date(), staleDays: 90, rule: null };
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const input = (f: Record<string, unknown>) => userListInput.parse({ pageSize: 5, ...f });

  it("collecting or walking, a search gives the same users in the same order on every page and sort, and only live matches", async () => {
    const sorts = [
      { id: "name", desc: false },
      { id: "name", desc: true },
      { id: "department", desc: false },
      { id: "site", desc: true },
      { id: "upn", desc: false },
    ];
    const matches = (
      u: { displayName: string; userPrincipalName: string; department: string | null },
      q: string,
    ) =>
      [u.displayName, u.userPrincipalName, u.department ?? ""].some((v) =>
        v.toLowerCase().includes(q.toLowerCase()),
      );
    for (const q of ["noah", "Noa", "ngineer", "T.EXAMPLE", "zzz"]) {
      for (const sort of sorts) {
        const all = await listUsers(db.prisma, input({ pageSize: 200, sort }), params);
        const expected = all.rows.filter((u) => matches(u, q));
        for (const page of [1, 2, 3]) {
          const collected = await listUsers(db.prisma, input({ q, sort, page }), params, Infinity);
          const walked = await listUsers(db.prisma, input({ q, sort, page }), params, 0);
          const want = ids(expected.slice((page - 1) * 5, page * 5));
          expect(ids(collected.rows), `${q} ${sort.id} ${sort.desc} p${page} collected`).toEqual(want);
          expect(ids(walked.rows), `${q} ${sort.id} ${sort.desc} p${page} walked`).toEqual(want);
          expect([collected.total, walked.total]).toEqual([expected.length, expected.length]);
        }
      }
    }
    const noah = await listUsers(db.prisma, input({ q: "noa", pageSize: 200 }), params);
    // Noah (every 4th from 1: 12) or Noakes (every 3rd from 2: 16), 4 both, less the deleted lu2.
    expect(noah.total).toBe(12 + 16 - 4 - 1);
    expect(ids(noah.rows)).not.toContain("lu2");
  });
});
