import { describe, expect, it } from "vitest";
import { api, failure, useInventoryDatabase } from "./inventory.testing";

// The keys list and its export, through the tRPC caller. Set-up: inventory.testing.ts.

useInventoryDatabase();

describe("keys list and export", () => {
  it("filters, sorts and pages on the server", async () => {
    const page = await api.inventory.keys({
      status: "in_stock",
      siteId: "lon",
      sort: { id: "serial", desc: true },
      pageSize: 3,
    });
    expect(page.total).toBe(4);
    expect(page.items.map((k) => k.serial)).toEqual(["K-003", "K-002", "K-001"]);
    const p2 = await api.inventory.keys({
      status: "in_stock",
      siteId: "lon",
      sort: { id: "serial", desc: true },
      pageSize: 3,
      page: 2,
    });
    expect(p2.items.map((k) => k.serial)).toEqual(["K-000"]);
  });

  it("searches by serial prefix (any case) and by custodian name", async () => {
    expect((await api.inventory.keys({ q: "k-01" })).items.map((k) => k.serial)).toEqual(
      Array.from({ length: 10 }, (_, i) => `K-01${i}`),
    );
    expect((await api.inventory.keys({ q: "User 01" })).items.map((k) => k.serial)).toEqual(["K-007"]);
    expect((await api.inventory.keys({ q: "zzz" })).total).toBe(0);
  });

  it("exports exactly the filtered view, every page, with formula cells neutralised", async () => {
    const out = await api.inventory.exportKeys({ siteId: "lon", sort: { id: "serial", desc: false } });
    const lines = out.csv.trim().split("\r\n");
    const listed = await api.inventory.keys({ siteId: "lon", pageSize: 200 });
    expect(lines.length - 1).toBe(listed.total);
    expect(out.rows).toBe(listed.total);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(listed.items.map((k) => k.serial));
    const k6 = lines.find((l) => l.startsWith("K-006"))!;
    expect(k6).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(k6).not.toMatch(/,=HYPERLINK/);
  });

  it("shows a key with its matched credential and timeline", async () => {
    const d = await api.inventory.key({ id: "k6" });
    expect(d.key).toMatchObject({ serial: "K-006", status: "active", custodianUpn: "user0@x.example" });
    expect(d.credential).toMatchObject({ methodId: "cred-1", matchMethod: "enrolled" });
    expect(d.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(["received", "assignment", "credential"]),
    );
    expect((await failure(api.inventory.key({ id: "nope" }))).code).toBe("NOT_FOUND");
  });
});
