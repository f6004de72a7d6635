import { describe, expect, it } from "vitest";
import { isAppError } from "@/server/errors";
import { createGraphAdapter } from "./adapter";
import { isGraphError } from "./errors";
import { assertGraphConfigured, isGraphConfigured, unconfiguredGraph } from "./unconfigured";

// The port with no tenant: every call refuses with the precondition error (never a network attempt), and
// the refusal names what could not be done and the settings to set.

const graph = unconfiguredGraph();
const SETTINGS =
  "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)";

async function refusalOf(call: () => unknown): Promise<unknown> {
  try {
    const r = call();
    if (r && typeof r === "object" && Symbol.asyncIterator in r) {
      for await (const page of r as AsyncIterable<unknown>) return page; // must not get here
    }
    return await r;
  } catch (e) {
    return e;
  }
}

describe("the unconfigured Graph port", () => {
  it("refuses reads, paged reads and changes alike with PRECONDITION_FAILED, in words naming the settings", async () => {
    const cases: [() => unknown, string][] = [
      [() => graph.getUser("u1"), "cannot look the person up in Entra"],
      [() => graph.listUsers({ top: 1 }), "cannot read the directory's users"],
      [() => graph.usersDelta({}), "cannot sync the directory"],
      [
        () => graph.searchGroups("Research and Development"),
        "cannot search the directory's groups (pick people by department or site instead)",
      ],
      [() => graph.deleteFido2Method("u1", "m1"), "cannot delete the passkey in Entra"],
      [() => graph.createTemporaryAccessPass("u1", {}), "cannot issue a Temporary Access Pass"],
      [() => graph.revokeSignInSessions("u1"), "cannot sign the person out of Microsoft 365"],
      [() => graph.listSignIns(), "cannot read the sign-in logs"],
    ];
    for (const [call, words] of cases) {
      const e = await refusalOf(call);
      expect(isGraphError(e) && e.kind).toBe("unconfigured");
      expect(isAppError(e) && e.code).toBe("PRECONDITION_FAILED");
      expect((e as Error).message).toContain(`No Entra tenant is connected, so KeyFleet ${words}`);
      expect((e as Error).message).toContain(SETTINGS);
    }
  });

  it("a budgeted view is unconfigured too and counts no requests", async () => {
    const view = graph.withBudget(3, { priority: true });
    expect(isGraphConfigured(view)).toBe(false);
    await expect(view.getTapPolicy()).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(view.counters()).toEqual({ requests: 0, throttled: 0, retries: 0, budgetRemaining: null });
  });

  it("only the unconfigured port counts as unconfigured", () => {
    const real = createGraphAdapter({
      baseUrl: "https://graph.example.invalid",
      authorityHost: "https://login.example.invalid",
      tenantId: "t",
      clientId: "c",
      clientSecret: "s",
    });
    expect(isGraphConfigured(real)).toBe(true);
    expect(isGraphConfigured(real.withBudget(1))).toBe(true);
    expect(() => assertGraphConfigured(real, "usersDelta")).not.toThrow();
    expect(() => assertGraphConfigured(graph, "usersDelta")).toThrow(/cannot sync the directory/);
  });
});
