import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killAllCli, spawnCli } from "@/server/cli/testing";
import { EnvError, resetEnvForTests } from "@/server/env";
import { boot } from "./boot";

// A real Graph app with no identity provider: the portal must refuse to start (demo personas would sign
// anyone in as Administrator against the real tenant); the ops CLI, which signs nobody in, still works.

const graphApp = {
  AZURE_TENANT_ID: "00000000-0000-0000-0000-00000000000a",
  AZURE_CLIENT_ID: "app",
  AZURE_CLIENT_SECRET: "secret",
};
const saved = { ...process.env };
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "keyfleet-boot-"));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  process.env = { ...saved };
  resetEnvForTests();
  await killAllCli();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("start-up with a real Graph app and no identity provider", () => {
  it("the portal refuses to start, naming the variables, before it opens a database", async () => {
    const dataDir = path.join(await tempDir(), "data");
    for (const k of Object.keys(process.env))
      if (/^(AUTH_|AZURE_|DATABASE_|KEYFLEET_)/.test(k)) delete process.env[k];
    Object.assign(process.env, graphApp, { KEYFLEET_DATA_DIR: dataDir });
    resetEnvForTests();
    const failure = await boot().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(EnvError);
    const message = (failure as EnvError).message;
    for (const name of [
      "AUTH_OIDC_ISSUER",
      "AUTH_OIDC_CLIENT_ID",
      "AUTH_OIDC_CLIENT_SECRET",
      "KEYFLEET_DEMO_SIGNIN=allow-with-real-tenant",
    ])
      expect(message).toContain(name);
    // Nothing was opened or created: no embedded database, no demo secret.
    expect(existsSync(dataDir)).toBe(false);
  });

  it("the ops CLI keeps working with only the Graph variables set", async () => {
    const dataDir = await tempDir();
    const result = await spawnCli(["db", "migrate", "--json"], { ...graphApp, KEYFLEET_DATA_DIR: dataDir })
      .exited;
    expect(result.stderr).not.toContain("AUTH_OIDC");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ database: "pglite" });
  });
});
