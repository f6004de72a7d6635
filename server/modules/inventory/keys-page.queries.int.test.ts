import { describe, expect, it } from "vitest";
import { queriesSent } from "@/server/db/query-counter";
import { api, useInventoryDatabase } from "./inventory.testing";

// The keys page (app/(portal)/keys/page.tsx) reads the session, then `inventory.keys` and
// `inventory.keyFilterOptions`: issue 15 holds it to at most 4 statements per render. Statements are
// counted where they leave for the database (the PGlite client or the pg pool's connections), not by
// the code under test. Set-up: inventory.testing.ts (20 keys K-000..K-019, users "User 01"…).

useInventoryDatabase({ countQueries: true });

async function counted<T>(read: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const before = queriesSent();
  expect(before).not.toBeNull();
  const result = await read();
  return { result, queries: queriesSent()! - before! };
}

describe("the keys page's reads", () => {
  it("reads a page of keys with its count in one statement, custodian search included", async () => {
    const byName = await counted(() => api.inventory.keys({ q: "user 01", pageSize: 25 }));
    expect(byName.queries).toBe(1);
    expect(byName.result.items.map((k) => [k.serial, k.custodian])).toEqual([["K-007", "User 01"]]);
    expect(byName.result.total).toBe(1);

    const bySite = await counted(() =>
      api.inventory.keys({ modelId: "m1", sort: { id: "site", desc: true }, pageSize: 3, page: 2 }),
    );
    expect(bySite.queries).toBe(1);
    expect(bySite.result.total).toBe(19);
    // LON (last code, first in descending order) holds K-000..K-003, K-006, K-008 and K-009: the
    // second page of three is K-003, K-006, K-008.
    expect(bySite.result.items.map((k) => `${k.site} ${k.serial} ${k.model}`)).toEqual([
      "LON K-003 YubiKey 5C NFC",
      "LON K-006 YubiKey 5C NFC",
      "LON K-008 YubiKey 5C NFC",
    ]);
  });

  it("still tells how many keys match when asked for a page past the last one", async () => {
    // BER holds K-004, K-005 and K-007.
    const past = await counted(() => api.inventory.keys({ siteId: "ber", pageSize: 25, page: 3 }));
    expect(past.result).toEqual({ items: [], total: 3 });
    expect(past.queries).toBe(2);
    const none = await counted(() => api.inventory.keys({ q: "zzz" }));
    expect(none.result).toEqual({ items: [], total: 0 });
    expect(none.queries).toBe(1);
  });

  it("reads the site and model filters together in one statement", async () => {
    const { result, queries } = await counted(() => api.inventory.keyFilterOptions());
    expect(queries).toBe(1);
    expect(result.sites.map((s) => `${s.kind} ${s.code}`)).toEqual([
      "office BER",
      "office LON",
      "warehouse AMS",
    ]);
    expect(result.models.map((m) => `${m.vendor} ${m.productName}`)).toEqual([
      "Yubico Security Key NFC",
      "Yubico YubiKey 5C NFC",
    ]);
  });

  it("costs the page at most 4 statements with the session", async () => {
    const { queries } = await counted(() =>
      Promise.all([
        api.inventory.keys({ q: "K-01", status: "in_stock", sort: { id: "model", desc: false } }),
        api.inventory.keyFilterOptions(),
      ]),
    );
    expect(queries + 1).toBeLessThanOrEqual(4);
  });
});
