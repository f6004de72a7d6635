import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { proposeSiteCode } from "./setup.service";

// The first-run setup page's service against the simulated tenant, whose token can be made to lack
// permissions (control API). Which feature needs which permission is README.md's table, not this code's.

let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 120, seed: 5, reportLagMinutes: 0 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  const r = await services.sync.run();
  if (r.skipped || r.status !== "succeeded") throw new Error("the sync did not succeed");
});
afterAll(async () => {
  sim.control.resetPermissions();
  await db?.close();
  await sim?.stop();
});

const byId = (checks: { id: string; status: string }[]) =>
  Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe("first run on a tenant: Graph permissions", () => {
  it("with every permission granted, each check passes except those no harmless call can prove", async () => {
    sim.control.resetPermissions();
    const r = await services.setup.checkPermissions();
    expect(r.connected).toBe(true);
    expect(byId(r.checks)).toEqual({
      users: "granted",
      groups: "granted",
      report: "granted",
      "fido2-read": "granted",
      "fido2-write": "granted",
      methods: "granted",
      "tap-read": "granted",
      "tap-write": "not_checked",
      policies: "granted",
      "sign-ins": "granted",
      "revoke-sessions": "not_checked",
      "conditional-access": "granted",
      // No sending mailbox is set in this database: nothing to check (mail-send.sim.int.test.ts sets one).
      "mail-send": "skipped",
      "mail-send-scope": "skipped",
    });
    expect(r.missing).toEqual([]);
  });

  it("names exactly the permissions the token lacks, says what to do, and changes nothing in the tenant", async () => {
    sim.control.resetPermissions();
    sim.control.revokePermissions(["AuditLog.Read.All", "UserAuthenticationMethod.ReadWrite.All"]);
    sim.control.clearDestructiveCalls();
    const liveCredentials = sim.control.stats().credentials;
    const taps = sim.tenant.taps.size;
    const r = await services.setup.checkPermissions();
    expect(byId(r.checks)).toMatchObject({
      users: "granted",
      groups: "granted",
      report: "missing",
      "fido2-read": "granted",
      "fido2-write": "granted",
      methods: "missing",
      "tap-read": "granted",
      policies: "granted",
      "sign-ins": "missing",
    });
    expect(r.missing.sort()).toEqual([
      "AuditLog.Read.All",
      "AuditLog.Read.All and Directory.Read.All",
      "UserAuthenticationMethod.Read.All",
    ]);
    const report = r.checks.find((c) => c.id === "report")!;
    expect(report.detail).toMatch(
      /^Missing: grant AuditLog\.Read\.All as an application permission with admin consent .*check again\.$/,
    );
    // Plain sentences: never Graph's own error text.
    expect(r.checks.map((c) => c.detail).join(" ")).not.toMatch(
      /Authorization_RequestDenied|Insufficient privileges/,
    );
    expect(sim.control.destructiveCalls()).toEqual([]);
    expect(sim.control.stats().credentials).toBe(liveCredentials);
    expect(sim.tenant.taps.size).toBe(taps);
    sim.control.resetPermissions();
  });

  it("skips the per-user checks, naming User.Read.All, when users cannot be read", async () => {
    sim.control.resetPermissions();
    sim.control.revokePermissions(["User.Read.All", "Directory.Read.All"]);
    const r = await services.setup.checkPermissions();
    expect(byId(r.checks)).toMatchObject({
      users: "missing",
      "fido2-read": "skipped",
      methods: "skipped",
      policies: "granted",
      "sign-ins": "missing",
    });
    expect(r.missing.sort()).toEqual(["AuditLog.Read.All and Directory.Read.All", "User.Read.All"]);
    expect(r.checks.find((c) => c.id === "fido2-read")!.detail).toContain("User.Read.All");
    sim.control.resetPermissions();
  });

  it("without a tenant, says how to connect one instead of checking", async () => {
    const offline = buildServices({ prisma: db.prisma });
    const r = await offline.setup.checkPermissions();
    expect(r).toMatchObject({ connected: false, checks: [], missing: [] });
    expect(r.message).toMatch(/AZURE_TENANT_ID.*check again/);
  });
});

describe("first run on a tenant: sites and the catalogue", () => {
  it("proposes one site per office location with its member count, and none for an office a site already covers", async () => {
    const members = sim.tenant.users.filter(
      (u) => u.deletedAt === null && u.userType === "Member" && u.officeLocation,
    );
    const offices = [...new Set(members.map((u) => u.officeLocation!))];
    expect(offices.length).toBeGreaterThanOrEqual(2);
    // A site already covers the first office (matched whatever the letter case).
    const covered = offices[0]!;
    await db.prisma.site.create({
      data: { id: "site-covered", code: "COV", name: covered, officeLocation: covered.toLowerCase() },
    });
    const rows = await services.setup.proposedSites();
    expect(rows.map((r) => r.officeLocation).sort()).toEqual(offices.sort());
    for (const r of rows)
      expect(r.users).toBe(members.filter((u) => u.officeLocation === r.officeLocation).length);
    expect(rows.find((r) => r.officeLocation === covered)).toMatchObject({
      siteId: "site-covered",
      siteCode: "COV",
      proposedCode: null,
    });
    const proposed = rows.filter((r) => r.siteId === null);
    expect(proposed.length).toBe(offices.length - 1);
    expect(new Set(proposed.map((r) => r.proposedCode)).size).toBe(proposed.length);
    expect(
      proposed.every(
        (r) => /^[A-Z0-9][A-Z0-9-]{1,11}$/.test(r.proposedCode!) && r.proposedName === r.officeLocation,
      ),
    ).toBe(true);
  });

  it("maps every live credential of the tenant to the catalogue: keys, Authenticator and synced passkeys by kind", async () => {
    const m = await services.setup.catalogueMapping();
    const live = sim.tenant.credentials.filter(
      (c) => c.removedAt === null && sim.tenant.users[c.userIdx]!.deletedAt === null,
    );
    expect(m.totals.credentials).toBe(live.length);
    expect(m.totals.catalogued).toBe(live.length);
    expect(m.totals.unknownAaguids).toBe(0);
    const kindOf = { hardware: "hardware", authenticator: "authenticator-app", synced: "synced" } as const;
    for (const kind of ["hardware", "authenticator", "synced"] as const) {
      const expected = live.filter((c) => c.kind === kind).length;
      expect(m.rows.filter((r) => r.kind === kindOf[kind]).reduce((n, r) => n + r.credentials, 0)).toBe(
        expected,
      );
    }
  });
});

describe("proposeSiteCode", () => {
  it("takes the first word's letters and makes the code unique", () => {
    const taken = new Set(["LYON"]);
    expect(proposeSiteCode("Lyon Site", taken)).toBe("LYON2");
    expect(proposeSiteCode("Kraków Delivery Centre", taken)).toBe("KRAKOW");
    expect(proposeSiteCode("Kraków 2", taken)).toBe("KRAKOW2");
    expect(proposeSiteCode("Rotterdamsche Haven", taken)).toBe("ROTTERDA");
    expect(proposeSiteCode("Rotterdamsche Plant", taken)).toBe("ROTTERD2");
  });
});
