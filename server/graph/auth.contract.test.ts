// Certificate credentials (ClientCertificateCredential) against the simulator's token endpoint.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphAdapter } from "./adapter";
import { GraphError } from "./errors";
import type { RunningSimulator } from "./simulator/server";
import { startTestSimulator, testDataDir } from "./simulator/testing";

let sim: RunningSimulator;
let goodPath: string;
let otherPath: string;

async function certFile(name: string) {
  const pems = await generate([{ name: "commonName", value: "KeyFleet test app" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  const dir = join(testDataDir, "certs");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, `${pems.cert}\n${pems.private}`, { mode: 0o600 });
  return { path, cert: pems.cert };
}

beforeAll(async () => {
  const good = await certFile("app");
  goodPath = good.path;
  otherPath = (await certFile("other")).path;
  sim = await startTestSimulator({ users: 20, seed: 2, clientCertificatePem: good.cert });
});
afterAll(() => sim.stop());

const config = (certificatePath: string) => ({
  baseUrl: sim.baseUrl,
  authorityHost: sim.authorityHost,
  tenantId: sim.tenantId,
  clientId: sim.clientId,
  certificatePath,
});

describe("certificate credentials", () => {
  it("gets a token with a client assertion signed by the registered certificate", async () => {
    const graph = createGraphAdapter(config(goodPath), { maxRetries: 0 });
    await expect(graph.getTapPolicy()).resolves.toMatchObject({ id: "TemporaryAccessPass" });
  });

  it("gets no token with a certificate the app registration does not know, and sends no Graph request", async () => {
    const before = sim.control.stats().requests;
    const graph = createGraphAdapter(config(otherPath), { maxRetries: 0 });
    const error = await graph.getTapPolicy().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: "permission" });
    expect((error as Error).message).toContain("AADSTS700027");
    expect(sim.control.stats().requests).toBe(before);
  });
});
