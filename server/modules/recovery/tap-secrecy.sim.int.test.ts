import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, freshMember, startTestSimulator } from "@/server/graph/simulator/testing";
import { setLogLevel } from "@/server/lib/logger";
import { seedModels } from "@/server/modules/sync/testing";
import { handleTrpc } from "@/server/trpc/http";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { handOverAndRegister, nextSecond } from "@/server/modules/cases/sim-harness";
import { hana, YK5 } from "@/server/modules/cases/test-actors";

// A whole stolen-key journey against the simulated tenant, the TAP issued over HTTP like the browser
// does it, the case closed by sync when the replacement shows up in Entra. Then the database is dumped
// and the server's log read back: the pass is in neither.

let sim: RunningSimulator;
let db: TestDatabase;
let s: Services;
let u: RunningSimulator["tenant"]["users"][number];
const api = () => createCallerFactory(appRouter)({ actor: hana, requestId: "req-secrecy", services: s });
const log: string[] = [];

/** One procedure over HTTP through the same handler as app/api/trpc. */
async function http(path: string, input: unknown) {
  const res = await handleTrpc(
    new Request(`http://portal.test/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    async () => ({ actor: hana, requestId: `req-${path}`, services: s }),
  );
  const body = (await res.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: { json: { message: string; data: { code: string } } };
  };
  return {
    status: res.status,
    cacheControl: res.headers.get("cache-control"),
    data: body.result ? superjson.deserialize<Record<string, unknown>>(body.result.data) : null,
    error: body.error?.json ?? null,
  };
}

async function dumpDatabase(): Promise<string> {
  const tables = await db.prisma.$queryRawUnsafe<{ t: string }[]>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const rows: string[] = [];
  for (const { t } of tables)
    rows.push(
      ...(
        await db.prisma.$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`)
      ).map((r) => r.r),
    );
  return rows.join("\n");
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 31, reportLagMinutes: 0 });
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  // A member with no key in Entra yet, and their office as a KeyFleet site holding stock.
  u = freshMember(sim, new Set(), (x) => !!x.officeLocation);
  await db.prisma.site.create({
    data: { id: "site-hq", code: "HQ", name: "Head office", officeLocation: u.officeLocation },
  });
  const model = (await seedModels(db.prisma)).get(YK5)!;
  await db.prisma.securityKey.createMany({
    data: Array.from({ length: 3 }, (_, i) => ({
      id: `stock-${i}`,
      serial: `YK-T${i}`,
      vendor: "Yubico",
      modelId: model,
      siteId: "site-hq",
      status: "in_stock" as const,
    })),
  });
  if ((await s.sync.run()).skipped) throw new Error("sync skipped");
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("TAP secrecy over a full journey (simulated tenant)", () => {
  it("the pass reaches the agent once and appears in neither the database dump nor the server log", async () => {
    await db.prisma.directoryUser.update({ where: { id: u.id }, data: { isPrivileged: false } });
    await api().assignment.assign({
      userId: u.id,
      keys: [{ keyId: "stock-0", kind: "primary" }],
      handover: { method: "in_person" },
    });
    await nextSecond();
    const first = sim.control.registerCredential(u.id, { aaGuid: YK5, serial: "YK-T0" });
    await s.sync.run();

    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      log.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    setLogLevel("debug");
    let pass = "";
    try {
      expect(
        (await api().users.search({ q: u.userPrincipalName.slice(0, 6) })).users.map((x) => x.id),
      ).toContain(u.id);
      const picked = await api().cases.userKeys({ userId: u.id });
      expect(picked.keys[0]).toMatchObject({
        serial: "YK-T0",
        credential: expect.objectContaining({ methodId: first.credentialId }),
      });
      const { id } = await api().cases.open({
        userId: u.id,
        kind: "stolen",
        keyIds: ["stock-0"],
        ticketRef: "INC-4711",
      });
      let c = await api().cases.get({ id });
      expect(c.steps.find((x) => x.kind === "revoke_credential")?.preview).toContain(
        "Deletes the FIDO2 credential",
      );
      c = await api().cases.verify({
        caseId: id,
        version: c.version,
        method: "callback",
        reference: `Called ${u.businessPhones?.[0] ?? "the number on record"}`,
      });
      for (const kind of ["revoke_credential", "revoke_sessions", "mark_key", "reserve_replacement"]) {
        c = await api().cases.runStep({
          caseId: id,
          version: c.version,
          stepId: c.steps.find((x) => x.kind === kind)!.id,
        });
      }
      expect(sim.tenant.credentials.find((x) => x.id === first.credentialId)?.removedAt).not.toBeNull();

      const refused = await http("recovery.issueTap", {
        caseId: id,
        version: c.version,
        lifetimeInMinutes: 43_000,
      });
      expect(refused.error).toMatchObject({ data: { code: "BAD_REQUEST" } });
      const issued = await http("recovery.issueTap", { caseId: id, version: c.version });
      expect(issued).toMatchObject({ status: 200, cacheControl: "no-store" });
      pass = issued.data!.temporaryAccessPass as string;
      expect(pass).toBe([...sim.tenant.taps.values()].find((t) => t.userIdx === u.idx)?.value);
      const again = await http("recovery.issueTap", {
        caseId: id,
        version: (issued.data!.case as { version: number }).version,
      });
      expect(again.error).toMatchObject({ data: { code: "CONFLICT" } });
      expect(JSON.stringify(again)).not.toContain(pass);
      expect(await api().recovery.listTaps({ userId: u.id })).toHaveLength(1);

      // The replacement is handed over and registered; sync links it and the case closes itself.
      c = await api().cases.get({ id });
      await handOverAndRegister(api(), sim, db, u.id, c.replacementKey!.id);
      await s.sync.run();
      c = await api().cases.get({ id });
      expect(c).toMatchObject({
        status: "closed",
        outcome: `Replacement ${c.replacementKey!.serial} registered in Entra`,
      });
      expect(await db.prisma.auditEvent.count({ where: { subjectId: id, action: "cases.auto_close" } })).toBe(
        1,
      );
    } finally {
      process.stderr.write = write;
      setLogLevel("info");
    }

    expect(pass.length).toBeGreaterThanOrEqual(8);
    const dump = await dumpDatabase();
    const issuance = await db.prisma.tapIssuance.findFirstOrThrow({ where: { userId: u.id } });
    expect(dump).toContain(issuance.graphMethodId!); // the dump covers the issuance table
    expect(dump).not.toContain(pass);
    const serverLog = log.join("");
    expect(serverLog).toContain(issuance.graphMethodId!); // the capture saw the issuance being logged
    expect(serverLog).not.toContain(pass);
  });
});
