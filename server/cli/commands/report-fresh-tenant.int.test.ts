import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "@/server/container";
import { createDatabase } from "@/server/db/client";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";

// A first sync on a fresh database with no key models typed in: the built-in catalogue alone must tell
// hardware keys from Authenticator and synced passkeys. Checked against the simulated tenant's own state
// (which credential is a hardware key is the simulator's ground truth, not read back from KeyFleet).

const run = promisify(execFile);
let dataDir: string;
let sim: RunningSimulator;

async function cli(...args: string[]) {
  const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "server/cli/main.ts", ...args], {
    env: { ...process.env, KEYFLEET_DATA_DIR: dataDir, DATABASE_URL: "" },
  });
  return stdout;
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 400, seed: 23, reportLagMinutes: 0 });
  dataDir = await mkdtemp(path.join(tmpdir(), "kf-fresh-tenant-"));
  const db = await createDatabase({ dataDir });
  try {
    const services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
    const r = await services.sync.run();
    if (r.skipped || r.status !== "succeeded")
      throw new Error(`the first sync did not succeed: ${JSON.stringify(r)}`);
    expect(await db.prisma.keyModel.count()).toBe(0);
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await sim?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a fresh database synced from a tenant, no key models typed in", () => {
  it("report adoption --json counts every enabled member holding a hardware key as registered, and no one who holds only an app or synced passkey", async () => {
    const t = sim.tenant;
    const inScope = t.users.filter(
      (u) => u.deletedAt === null && u.accountEnabled && u.userType === "Member",
    );
    const live = (idx: number) => (t.credentialsByUser.get(idx) ?? []).filter((c) => c.removedAt === null);
    const withHardware = inScope.filter((u) => live(u.idx).some((c) => c.kind === "hardware"));
    const onlyAppOrSynced = inScope.filter(
      (u) => live(u.idx).length > 0 && live(u.idx).every((c) => c.kind !== "hardware"),
    );
    const twoKeys = inScope.filter((u) => live(u.idx).filter((c) => c.kind === "hardware").length >= 2);
    // The tenant exercises each kind, or the equality below would prove nothing about the others.
    expect(withHardware.length).toBeGreaterThan(50);
    expect(onlyAppOrSynced.length).toBeGreaterThan(0);
    expect(t.credentials.some((c) => c.kind === "authenticator" && c.removedAt === null)).toBe(true);
    expect(t.credentials.some((c) => c.kind === "synced" && c.removedAt === null)).toBe(true);

    const out = JSON.parse(await cli("report", "adoption", "--json")) as {
      everyone: { inScope: number; registered: number; withBackup: number };
    };
    expect(out.everyone.inScope).toBe(inScope.length);
    expect(out.everyone.registered).toBe(withHardware.length);
    expect(out.everyone.withBackup).toBe(twoKeys.length);
  });

  it("the user page names each credential by the catalogue and tells a key from an app or a synced passkey (none is 'personal / unknown')", async () => {
    const t = sim.tenant;
    const holderOf = (kind: string) =>
      t.users.find(
        (u) =>
          u.deletedAt === null &&
          (t.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null && c.kind === kind),
      )!;
    const db = await createDatabase({ dataDir });
    try {
      const api = createCallerFactory(appRouter)({
        actor: { id: "hd", name: "Helpdesk", email: null, roles: ["helpdesk"] },
        requestId: "req-fresh",
        services: buildServices({ prisma: db.prisma }),
      });
      for (const [simKind, expected] of [
        ["hardware", "hardware"],
        ["authenticator", "authenticator-app"],
        ["synced", "synced"],
      ] as const) {
        const u = holderOf(simKind);
        const truth = t.credentialsByUser
          .get(u.idx)!
          .filter((c) => c.removedAt === null && c.kind === simKind);
        const page = await api.users.get({ id: u.id });
        for (const c of truth) {
          const shown = page.credentials.find((x) => x.methodId === c.id);
          expect(shown, `${simKind} credential ${c.id}`).toMatchObject({ kind: expected, keySerial: null });
          expect(shown!.model).toEqual(expect.any(String));
        }
      }
    } finally {
      await db.close();
    }
  });
});
