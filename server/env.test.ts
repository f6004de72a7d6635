import { describe, expect, it } from "vitest";
import { assertPortalCanStart, EnvError, parseEnv, portalStartProblems } from "./env";
import { envProblems } from "./env.testing";

const oidc = {
  AUTH_OIDC_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
  AUTH_OIDC_CLIENT_ID: "client",
  AUTH_OIDC_CLIENT_SECRET: "secret",
  AUTH_SECRET: "x".repeat(40),
};

const problems = envProblems;

describe("configuration", () => {
  it("needs nothing for demo mode: embedded database, simulated tenant", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      isDemo: true,
      database: "pglite",
      graphMode: "simulated",
      KEYFLEET_DATA_DIR: ".data",
    });
  });

  it("turns demo sign-in off as soon as an identity provider is configured", () => {
    const env = parseEnv(oidc);
    expect(env.isDemo).toBe(false);
    expect(env.graphMode).toBe("unconfigured");
  });

  it("selects PostgreSQL and real Entra from their variables", () => {
    const env = parseEnv({
      ...oidc,
      DATABASE_URL: "postgresql://u@db:5432/kf",
      AZURE_TENANT_ID: "t",
      AZURE_CLIENT_ID: "c",
      AZURE_CLIENT_SECRET: "s",
    });
    expect(env).toMatchObject({ database: "postgresql", graphMode: "entra" });
  });

  it("names a malformed variable and says what it expects", () => {
    expect(problems({ DATABASE_URL: "mysql://x" })).toEqual([
      expect.stringMatching(/^DATABASE_URL: expected a postgresql:\/\/ connection URL/),
    ]);
    expect(problems({ SYNC_INTERVAL_MINUTES: "soon" })).toEqual([
      expect.stringMatching(/^SYNC_INTERVAL_MINUTES: expected a positive whole number/),
    ]);
  });

  it("names each missing partner of a half-configured identity provider", () => {
    const found = problems({ AUTH_OIDC_CLIENT_ID: "client" });
    expect(found.some((p) => p.startsWith("AUTH_OIDC_ISSUER:"))).toBe(true);
    expect(found.some((p) => p.startsWith("AUTH_OIDC_CLIENT_SECRET:"))).toBe(true);
    expect(found.some((p) => p.startsWith("AUTH_SECRET:"))).toBe(false);
  });

  it("requires a session secret with OIDC and a credential with the Graph app", () => {
    const { AUTH_SECRET: _s, ...withoutSecret } = oidc;
    expect(problems(withoutSecret)).toEqual([expect.stringMatching(/^AUTH_SECRET: required/)]);
    expect(problems({ AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c" })).toEqual([
      expect.stringMatching(/^AZURE_CLIENT_SECRET: AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/),
    ]);
  });
});

describe("demo sign-in in front of a real Graph app", () => {
  const graphApp = { AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "s" };

  it("is a start-up problem naming the identity provider's variables and the way to allow it", () => {
    const env = parseEnv(graphApp);
    expect(env).toMatchObject({ isDemo: true, graphMode: "entra", isDemoSignInOnRealTenant: true });
    expect(portalStartProblems(env)).toEqual([
      expect.stringMatching(
        /^AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET: required .*KEYFLEET_DEMO_SIGNIN=allow-with-real-tenant/,
      ),
    ]);
    expect(() => assertPortalCanStart(env)).toThrow(EnvError);
  });

  it("is allowed for a staging tenant only when KEYFLEET_DEMO_SIGNIN says so, and still flagged for the banner", () => {
    const env = parseEnv({ ...graphApp, KEYFLEET_DEMO_SIGNIN: "allow-with-real-tenant" });
    expect(portalStartProblems(env)).toEqual([]);
    expect(env.isDemoSignInOnRealTenant).toBe(true);
    expect(problems({ ...graphApp, KEYFLEET_DEMO_SIGNIN: "yes" })).toEqual([
      expect.stringMatching(/^KEYFLEET_DEMO_SIGNIN: expected "allow-with-real-tenant"/),
    ]);
  });

  it("is no problem with an identity provider, or with the simulated tenant", () => {
    expect(portalStartProblems(parseEnv({ ...oidc, ...graphApp }))).toEqual([]);
    expect(parseEnv({ ...oidc, ...graphApp }).isDemoSignInOnRealTenant).toBe(false);
    expect(portalStartProblems(parseEnv({}))).toEqual([]);
  });
});
