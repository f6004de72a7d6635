import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childDatabase, killAllCli, simulatorEnv, spawnCli, type ChildDatabase } from "@/server/cli/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { startTestSimulator } from "@/server/graph/simulator/testing";

// `npm run cli -- case preflight <user> --json` as its own process against the simulated tenant (over
// HTTPS, like a real tenant): one JSON object for a user inside the TAP policy and one outside it.

const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const AUTHENTICATOR_IOS = "90a3ccdf-635c-4729-a248-9b709135078f";
let sim: RunningSimulator;
let target: ChildDatabase;
let env: Record<string, string>;

async function preflight(user: string) {
  const out = await spawnCli(["case", "preflight", user, "--json"], env).exited;
  expect(out.code, out.stderr).toBe(0);
  const { ok, command, ...rest } = JSON.parse(out.stdout) as Record<string, unknown>;
  expect({ ok, command }).toEqual({ ok: true, command: "case preflight" });
  return rest;
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 80, seed: 13 });
  target = await childDatabase();
  env = { ...target.env, ...simulatorEnv(sim) };
});
afterAll(async () => {
  await killAllCli();
  await target?.close();
  await sim?.stop();
});

const fresh = (skip: number) =>
  sim.tenant.users.filter(
    (u) =>
      u.userType === "Member" &&
      u.accountEnabled &&
      u.deletedAt === null &&
      !(sim.tenant.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null),
  )[skip]!;

describe("keyfleet case preflight --json", () => {
  it("a user inside the TAP policy (through a nested group): a pass is possible, not stranded", async () => {
    const u = fresh(0);
    const inner = sim.control.createGroup({ displayName: "Helpdesk pilot", userIds: [u.id] });
    const outer = sim.control.createGroup({ displayName: "TAP - rollout (cli)", groupIds: [inner.id] });
    sim.control.setTapPolicy({
      includeTargets: [{ id: outer.id, targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
      isUsableOnce: false,
    });
    const key = sim.control.registerCredential(u.id, { aaGuid: YK5 });
    const phone = sim.control.registerCredential(u.id, { aaGuid: AUTHENTICATOR_IOS });
    const out = await preflight(u.userPrincipalName);
    expect(out).toEqual({
      user: { id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName },
      credentials: expect.arrayContaining([
        { methodId: key.credentialId, model: "YubiKey 5 Series with NFC", kind: "hardware", keySerial: null },
        {
          methodId: phone.credentialId,
          model: "Microsoft Authenticator for iOS",
          kind: "authenticator",
          keySerial: null,
        },
      ]),
      tap: {
        possible: true,
        reason: "A pass of 60–480 minutes (default 60) can be issued.",
        minMinutes: 60,
        maxMinutes: 480,
        defaultMinutes: 60,
        isUsableOnce: false,
      },
      backupKey: false,
      replacement: {
        possible: false,
        reason: expect.stringContaining("matches no site in KeyFleet, and no key is in stock anywhere"),
      },
      stranded: false,
    });
    expect(out.credentials).toHaveLength(2);
  });

  it("a user outside the TAP policy with one key: no pass, the groups named, stranded", async () => {
    const u = fresh(1);
    sim.control.registerCredential(u.id, { aaGuid: YK5 });
    const out = (await preflight(u.id)) as {
      tap: { possible: boolean; reason: string };
      backupKey: boolean;
      stranded: boolean;
    };
    expect(out.tap.possible).toBe(false);
    expect(out.tap.reason).toBe(
      `${u.displayName} is outside the TAP policy: it includes only TAP - rollout (cli). Add ${u.displayName} to one of these groups in Entra, then re-check.`,
    );
    expect(out.backupKey).toBe(false);
    expect(out.stranded).toBe(true);
  });

  it("an unknown user exits 1 with a plain sentence, no stack trace", async () => {
    const out = await spawnCli(["case", "preflight", "nobody@fabrikam-demo.example", "--json"], env).exited;
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual({
      ok: false,
      command: "case preflight",
      error: 'No user "nobody@fabrikam-demo.example" in Entra: check the name or id.',
    });
    const human = await spawnCli(["case", "preflight", "nobody@fabrikam-demo.example"], env).exited;
    expect(human.stderr).toContain('No user "nobody@fabrikam-demo.example" in Entra');
    expect(human.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
