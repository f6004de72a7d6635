import { readFileSync } from "node:fs";
import https from "node:https";

// The demo server's simulated tenant, from the outside: its control API (/_control) over https, trusting
// the simulator's own CA (TLS verification stays on). The journeys use it as "the user" (registering a
// key) and as ground truth ("is the credential gone in Entra?").

function env(name: string): string {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} is not set: run through playwright.config.ts (global setup starts the servers)`);
  return v;
}

export async function simControl<T = unknown>(
  method: "GET" | "POST" | "DELETE" | "PATCH",
  route: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(`${env("E2E_SIM_CONTROL_URL")}/${route}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: readFileSync(env("E2E_SIM_CA")),
        headers: {
          Authorization: `Bearer ${env("E2E_SIM_CONTROL_TOKEN")}`,
          ...(payload ? { "Content-Type": "application/json" } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          if ((res.statusCode ?? 500) >= 400)
            reject(new Error(`simulator ${method} ${route}: ${res.statusCode} ${text}`));
          else resolve((text ? JSON.parse(text) : undefined) as T);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export interface SimKey {
  serial: string;
  aaGuid: string;
  model: string;
  userId: string;
  credentialId: string | null;
  state: string;
}

/** The keys the simulated organisation knows of for a user, with the credential each carries (if any). */
export const groundTruth = async (filter: { userId?: string; serial?: string }) =>
  (
    await simControl<{ value: SimKey[] }>(
      "GET",
      `ground-truth?${new URLSearchParams(filter as Record<string, string>)}`,
    )
  ).value;

/** The user registers a security key in Entra themselves (with the serial printed on it). */
export const registerKey = (
  userId: string,
  input: { aaGuid: string; serial: string; displayName?: string },
) =>
  simControl<{ credentialId: string; serial: string }>(
    "POST",
    `users/${encodeURIComponent(userId)}/credentials`,
    input,
  );

/**
 * The demo tenant's TAP policy covers only its rollout group (like production): a journey about a user it
 * covers first has an Entra admin put them in that group.
 */
export async function putInTapPolicy(userId: string): Promise<void> {
  const tapPolicy = await simControl<{ includeTargets: { id: string }[] }>("GET", "policies/tap");
  await simControl("POST", `groups/${tapPolicy.includeTargets[0]!.id}/members`, { userId });
}
