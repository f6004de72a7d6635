// The simulated tenant's TAP policy scope, over raw HTTPS like Entra: group targets counted through
// nested groups, exclusions, external guests, and a one-time pass spent by a sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { remoteOffice, tapRolloutGroupName, transitiveGroupIds } from "./tap-scope";
import { appToken, rawCaller, startTestSimulator } from "./testing";

let sim: RunningSimulator;
let token: string;

const call = rawCaller(
  () => sim,
  () => token,
);
const createTap = (userId: string, body: Record<string, unknown> = { lifetimeInMinutes: 60 }) =>
  call("POST", `/v1.0/users/${userId}/authentication/temporaryAccessPassMethods`, body);
const outOfScope =
  "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].";

beforeAll(async () => {
  sim = await startTestSimulator({ users: 400, seed: 42 }); // the demo tenant's size and seed
  token = await appToken(sim);
});
afterAll(() => sim.stop());

const members = () => sim.tenant.users.filter((u) => u.userType === "Member" && u.deletedAt === null);

describe("the demo tenant is set up like production", () => {
  it("scopes the TAP policy to a rollout group with nested groups, leaving some members outside; one office matches no site", async () => {
    const policy = await call(
      "GET",
      "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
    );
    const group = sim.tenant.groups.find((g) => g.displayName === tapRolloutGroupName)!;
    expect(policy.body.includeTargets).toEqual([
      { id: group.id, targetType: "group", isRegistrationRequired: false },
    ]);
    expect(group.memberGroupIds.length).toBeGreaterThan(0);
    const inside = members().filter((u) => transitiveGroupIds(sim.tenant, u).has(group.id));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(members().length);
    expect(members().filter((u) => u.officeLocation === remoteOffice)).toHaveLength(1);
  });
});

describe("TAP policy scope", () => {
  it("refuses a member outside every include group with Graph's text and creates nothing; adding them to the group lets it through", async () => {
    const g = sim.control.createGroup({ displayName: "TAP pilot (direct)" });
    sim.control.setTapPolicy({
      includeTargets: [{ id: g.id, targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
    const u = members()[3]!;
    const refused = await createTap(u.id);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "badRequest", message: outOfScope });
    expect(sim.tenant.taps.has(u.idx)).toBe(false);
    sim.control.addGroupMember(g.id, { userId: u.id });
    expect((await createTap(u.id)).status).toBe(201);
    sim.control.removeGroupMember(g.id, { userId: u.id });
    expect((await createTap(u.id)).status).toBe(400);
  });

  it("counts membership through nested groups (two levels), and getMemberGroups lists the ancestors", async () => {
    const u = members()[5]!;
    const inner = sim.control.createGroup({ displayName: "inner", userIds: [u.id] });
    const middle = sim.control.createGroup({ displayName: "middle", groupIds: [inner.id] });
    const outer = sim.control.createGroup({ displayName: "outer", groupIds: [middle.id] });
    sim.control.setTapPolicy({
      includeTargets: [{ id: outer.id, targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
    const groups = await call("POST", `/v1.0/users/${u.id}/getMemberGroups`, { securityEnabledOnly: false });
    expect(groups.status).toBe(200);
    expect(groups.body.value).toEqual(expect.arrayContaining([inner.id, middle.id, outer.id]));
    expect((await createTap(u.id)).status).toBe(201);
    const stranger = members().find(
      (x) => !sim.tenant.groups.some((gr) => gr.id === inner.id && gr.memberUserIdxs.includes(x.idx)),
    )!;
    expect((await createTap(stranger.id)).status).toBe(400);
  });

  it("lets an exclusion (also through a nested group) win over an inclusion, even for all_users", async () => {
    const u = members()[7]!;
    const ex = sim.control.createGroup({ displayName: "no TAP", userIds: [u.id] });
    const exParent = sim.control.createGroup({ displayName: "no TAP parent", groupIds: [ex.id] });
    sim.control.setTapPolicy({
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [{ id: exParent.id, targetType: "group" }],
    });
    expect((await createTap(u.id)).body.error.message).toBe(outOfScope);
    expect((await createTap(members()[8]!.id)).status).toBe(201);
  });

  it("refuses an external guest even under all_users, and a disabled policy for everyone", async () => {
    sim.control.setTapPolicy({
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
    const guest = sim.control.inviteGuest({ displayName: "Pat Partner", email: "pat@partner.example" });
    const res = await createTap(guest.id);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Temporary Access Pass cannot be added to an external guest user.");
    sim.control.setTapPolicy({ state: "disabled" });
    try {
      expect((await createTap(members()[9]!.id)).body.error.message).toBe(outOfScope);
    } finally {
      sim.control.setTapPolicy({ state: "enabled" });
    }
  });
});

describe("one-time passes", () => {
  it("a used one-time pass reads OneTimeUsed and not usable; a used multi-use pass stays usable", async () => {
    sim.control.setTapPolicy({
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
    const [a, b] = [members()[10]!, members()[11]!];
    await createTap(a.id, { lifetimeInMinutes: 60, isUsableOnce: true });
    await createTap(b.id, { lifetimeInMinutes: 60, isUsableOnce: false });
    expect(
      (await call("GET", `/v1.0/users/${a.id}/authentication/temporaryAccessPassMethods`)).body.value[0],
    ).toMatchObject({ isUsable: true, methodUsabilityReason: "EnabledByPolicy" });
    sim.control.useTap(a.id);
    sim.control.useTap(b.id);
    expect(
      (await call("GET", `/v1.0/users/${a.id}/authentication/temporaryAccessPassMethods`)).body.value[0],
    ).toMatchObject({ isUsable: false, methodUsabilityReason: "OneTimeUsed" });
    expect(
      (await call("GET", `/v1.0/users/${b.id}/authentication/temporaryAccessPassMethods`)).body.value[0],
    ).toMatchObject({ isUsable: true, methodUsabilityReason: "EnabledByPolicy" });
  });
});
