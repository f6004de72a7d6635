import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/server/db/client";
import { seedKnownTenant } from "@/server/modules/rollout/testing";

const run = promisify(execFile);
let dataDir: string;

// The CLI as its own process on an embedded database holding the hand-counted tenant of rollout.int.test.ts.
// Only figures that do not move with today's date are asserted (the tenant's dates are fixed).
async function cli(...args: string[]) {
  const { stdout } = await run("npx", ["tsx", "--conditions=react-server", "server/cli/main.ts", ...args], {
    env: { ...process.env, KEYFLEET_DATA_DIR: dataDir, DATABASE_URL: "" },
  });
  return stdout;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "kf-cli-report-"));
  const db = await createDatabase({ dataDir });
  try {
    await seedKnownTenant(db.prisma);
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("keyfleet report adoption", () => {
  it("prints each wave's headline figures as one JSON object with --json, an empty wave as zeros", async () => {
    const out = JSON.parse(await cli("report", "adoption", "--json")) as {
      waves: Record<string, unknown>[];
      everyone: Record<string, unknown>;
    };
    expect(
      out.waves.map((w) => [
        w.wave,
        w.target,
        w.inScope,
        w.registered,
        w.registeredPercent,
        w.withBackup,
        w.notReady,
      ]),
    ).toEqual([
      ["Pilot", 100, 4, 2, 50, 1, 1],
      ["Finance", 90, 3, 1, 33.3, 0, 1],
      ["Empty", 80, 0, 0, null, 0, 0],
    ]);
    expect(out.everyone).toMatchObject({
      wave: "Everyone",
      inScope: 7,
      registered: 3,
      withBackup: 1,
      notReady: 2,
    });
  });
});
