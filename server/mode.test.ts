import { describe, expect, it } from "vitest";
import { runningMode } from "./mode";

const env = (over: Partial<Parameters<typeof runningMode>[0]>) => ({
  isDemo: true,
  graphMode: "simulated" as const,
  database: "pglite" as const,
  GRAPH_BASE_URL: "https://graph.microsoft.com",
  ...over,
});

describe("runningMode", () => {
  it("is demo only with the simulated tenant and demo sign-in", () => {
    expect(runningMode(env({}))).toMatchObject({
      mode: "demo",
      graph: "simulated",
      signIn: "demo",
      graphHost: null,
    });
    expect(runningMode(env({})).summary).toMatch(
      /^Demo mode: the simulated tenant; demo personas sign in; data in the embedded database\.$/,
    );
  });

  it("is production only with Microsoft Graph and an identity provider", () => {
    expect(runningMode(env({ isDemo: false, graphMode: "entra", database: "postgresql" }))).toMatchObject({
      mode: "production",
      graph: "microsoft",
      graphHost: "graph.microsoft.com",
    });
    expect(
      runningMode(env({ isDemo: false, graphMode: "entra", GRAPH_BASE_URL: "https://graph.microsoft.us" })),
    ).toMatchObject({ mode: "production", graph: "microsoft" });
  });

  it("does not call a Graph-compatible server (the simulator run alone) Microsoft, nor demo sign-in beside a tenant production", () => {
    const sim = runningMode(
      env({ isDemo: false, graphMode: "entra", GRAPH_BASE_URL: "https://localhost:4443" }),
    );
    expect(sim).toMatchObject({ mode: "mixed", graph: "compatible", graphHost: "localhost" });
    expect(sim.summary).toContain("not Microsoft Graph");
    expect(runningMode(env({ isDemo: true, graphMode: "entra" }))).toMatchObject({
      mode: "mixed",
      graph: "microsoft",
      signIn: "demo",
    });
    expect(runningMode(env({ isDemo: false, graphMode: "unconfigured" }))).toMatchObject({
      mode: "mixed",
      graph: "unconfigured",
    });
  });
});
