// Contract tests of the levers' Graph calls: the real adapter against the simulated tenant over HTTPS.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GraphError } from "./errors";
import { outboxOf } from "./simulator/conditional-access";
import { fastAdapter, startTestSimulator } from "./simulator/testing";
import type { RunningSimulator } from "./simulator/server";
import type { GraphPort } from "./port";

let sim: RunningSimulator;
let graph: GraphPort;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 40, seed: 5 });
  ({ graph } = fastAdapter(sim));
});
afterAll(() => sim.stop());
afterEach(() => sim.control.resetPermissions());

describe("levers: Conditional Access, strengths, FIDO2 policy PATCH, sendMail", () => {
  it("reads the demo policies (one report-only) and the built-in phishing-resistant strength", async () => {
    const policies = await graph.listConditionalAccessPolicies();
    expect(policies.map((p) => p.state).sort()).toEqual(
      ["enabled", "enabled", "enabled", "enabledForReportingButNotEnforced"].sort(),
    );
    const strengths = await graph.listAuthenticationStrengths();
    expect(strengths.find((s) => s.id === "00000000-0000-0000-0000-000000000004")).toEqual({
      id: "00000000-0000-0000-0000-000000000004",
      displayName: "Phishing-resistant MFA",
      policyType: "builtIn",
      allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
      fido2AllowedAaguids: null,
    });
  });

  it("without Policy.Read.All the policies are refused with a permission error naming it", async () => {
    sim.control.revokePermissions(["Policy.Read.All"]);
    const err = await graph.listConditionalAccessPolicies().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).kind).toBe("permission");
    expect((err as GraphError).message).toContain("Policy.Read.All");
  });

  it("PATCHes the FIDO2 policy's key restrictions", async () => {
    await graph.updateFido2Policy({
      keyRestrictions: {
        isEnforced: true,
        enforcementType: "block",
        aaGuids: ["2fc0579f-8113-47ea-b116-bb5a8db9202a"],
      },
    });
    expect((await graph.getFido2Policy()).keyRestrictions).toEqual({
      isEnforced: true,
      enforcementType: "block",
      aaGuids: ["2fc0579f-8113-47ea-b116-bb5a8db9202a"],
    });
  });

  it("sends mail from a mailbox into the outbox, once, and refuses an unknown mailbox", async () => {
    const mailbox = sim.tenant.users.find((u) => u.userType === "Member")!.userPrincipalName;
    const before = outboxOf(sim.tenant).length;
    await graph.sendMail(mailbox, {
      subject: "Your key has shipped",
      body: "Hello",
      to: [{ address: "a@example.com" }],
    });
    const outbox = outboxOf(sim.tenant);
    expect(outbox.length).toBe(before + 1);
    expect(outbox.at(-1)).toMatchObject({
      from: mailbox,
      to: ["a@example.com"],
      subject: "Your key has shipped",
    });
    const err = await graph
      .sendMail("nobody@example.com", { subject: "x", body: "y", to: [{ address: "a@example.com" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect(outboxOf(sim.tenant).length).toBe(before + 1);
  });
});
