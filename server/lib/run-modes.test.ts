import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { runModes } from "./run-modes";

const graphApp = {
  AZURE_TENANT_ID: "t",
  AZURE_CLIENT_ID: "c",
  AZURE_CLIENT_SECRET: "s",
  GRAPH_BASE_URL: "https://graph.staging.example",
};
const oidc = {
  AUTH_OIDC_ISSUER: "https://login.example/v2.0",
  AUTH_OIDC_CLIENT_ID: "c",
  AUTH_OIDC_CLIENT_SECRET: "s",
  AUTH_SECRET: "x".repeat(40),
  AUTH_OIDC_NAME: "Contoso Entra ID",
};

describe("the modes the sidebar and the banner state", () => {
  it("demo with the simulated tenant: demo personas, simulated tenant, no banner", () => {
    expect(runModes(parseEnv({}))).toEqual({
      signIn: "Demo personas",
      graph: "Simulated tenant",
      isDemo: true,
      banner: null,
    });
  });

  it("demo personas in front of a real Graph endpoint: names the endpoint (never 'Simulated tenant') and raises the banner", () => {
    const modes = runModes(parseEnv({ ...graphApp, KEYFLEET_DEMO_SIGNIN: "allow-with-real-tenant" }));
    expect(modes.graph).toBe("Real endpoint at https://graph.staging.example");
    expect(modes.signIn).toBe("Demo personas");
    expect(modes.banner).toMatch(
      /^Demo sign-in is on against a real tenant \(Graph: https:\/\/graph\.staging\.example\)/,
    );
  });

  it("production: OIDC sign-in, the real endpoint, no demo note and no banner", () => {
    expect(runModes(parseEnv({ ...oidc, ...graphApp }))).toEqual({
      signIn: "OIDC (Contoso Entra ID)",
      graph: "Real endpoint at https://graph.staging.example",
      isDemo: false,
      banner: null,
    });
  });
});
