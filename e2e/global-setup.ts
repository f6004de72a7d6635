import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { verifyAuditTrail } from "./support/audit-verify";
import { OIDC_CLIENT, startOidcProvider } from "./support/oidc-provider";
import { demoDataDir, freePort, LOG_DIR, ROOT, startNext, type RunningServer } from "./support/servers";

// Builds once, then starts: the demo app, a local OIDC provider, and a second app instance configured
// for that provider (so no demo personas). URLs reach the tests through the environment.

export default async function globalSetup(_config: FullConfig) {
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const started = Date.now();
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
    console.log(`e2e: next build took ${Math.round((Date.now() - started) / 1000)} s`);
  }

  const servers: RunningServer[] = [];
  const oidcPort = await freePort();
  const appPort = await freePort();
  // The OIDC app must know its own URL before the provider registers the redirect URI, so it gets a
  // fixed port chosen here.
  const issuerUrl = `http://127.0.0.1:${oidcPort}`;
  // The demo server's simulated tenant on a known port with a known control token, so a journey can act
  // as the users (register a key) and check what Entra holds (see support/sim-control.ts).
  const simPort = await freePort();
  const simToken = randomBytes(24).toString("base64url");
  try {
    const results = await Promise.allSettled([
      // Behind a "proxy": journeys that sign in a lot get an address of their own through X-Forwarded-For
      // (security.spec.ts). The identity-provider instance trusts no forwarded header (the default).
      startNext("demo", {
        SIM_USERS: "300",
        SIM_PORT: String(simPort),
        SIM_CONTROL_TOKEN: simToken,
        TRUST_PROXY: "true",
      }),
      (async () => {
        const provider = await startOidcProvider({
          port: oidcPort,
          redirectUri: `http://localhost:${appPort}/api/auth/callback/oidc`,
        });
        const app = await startNext(
          "oidc",
          {
            AUTH_OIDC_ISSUER: provider.issuer,
            AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.id,
            AUTH_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
            AUTH_OIDC_NAME: "Contoso Entra ID",
            AUTH_SECRET: "e2e-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            // The portal's public URL, as production sets it: callback URLs are built from it, not from
            // whatever host name the request arrived with.
            AUTH_URL: `http://localhost:${appPort}`,
          },
          appPort,
        ).catch(async (error) => {
          await provider.close();
          throw error;
        });
        return {
          ...app,
          stop: async () => {
            await app.stop();
            await provider.close();
          },
        };
      })(),
    ]);
    for (const r of results) if (r.status === "fulfilled") servers.push(r.value);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const [demo, oidc] = servers as [RunningServer, RunningServer];
    process.env.E2E_DEMO_URL = demo.url;
    process.env.E2E_OIDC_APP_URL = oidc.url;
    process.env.E2E_OIDC_ISSUER = issuerUrl;
    process.env.E2E_SIM_CONTROL_URL = `https://127.0.0.1:${simPort}/_control`;
    process.env.E2E_SIM_CONTROL_TOKEN = simToken;
    process.env.E2E_SIM_CA = path.join(ROOT, demoDataDir("demo"), "simulator", "ca.pem");
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }

  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
    // Everything the suite did went on the demo server's audit trail: its chain must still verify.
    console.log(`e2e: ${verifyAuditTrail(demoDataDir("demo"), path.join(LOG_DIR, "demo.log"))}`);
  };
}
