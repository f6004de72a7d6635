import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "@/server/env";

/**
 * The session-signing secret. Production: AUTH_SECRET from the environment (env.ts requires it when
 * OIDC is configured). Demo without AUTH_SECRET: a random one kept beside the embedded database, so
 * demo sessions survive a restart and no secret ships in the repository.
 */
export function authSecret(env: Env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (!env.isDemo) throw new Error("AUTH_SECRET is required when an identity provider is configured");
  const file = join(env.KEYFLEET_DATA_DIR, "demo-auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.KEYFLEET_DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return readFileSync(file, "utf8").trim();
  }
}
