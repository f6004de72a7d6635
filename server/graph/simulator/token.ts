// Client-credentials token endpoint and OpenID discovery, as Entra (login.microsoftonline.com) serves them.
import { createPublicKey, randomBytes, verify, constants } from "node:crypto";
import type { SimResponse } from "./odata";

export interface TokenState {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  lifetimeSeconds: number;
  /** PEM of the app's certificate, when certificate credentials are to be verified. */
  certificatePem?: string;
  issued: Map<string, { expiresAt: number }>;
  issuedCount: number;
  rejectedCount: number;
}

const aadError = (status: number, error: string, description: string): SimResponse => ({
  status,
  body: {
    error,
    error_description: description,
    error_codes: [Number(description.match(/AADSTS(\d+)/)?.[1] ?? 0)],
    timestamp: new Date().toISOString(),
  },
});

function checkAssertion(state: TokenState, assertion: string, audience: string): string | null {
  const [h, p, s] = assertion.split(".");
  if (!h || !p || !s) return "AADSTS50027: JWT token is invalid or malformed.";
  let header: { alg?: string };
  let payload: { iss?: string; sub?: string; aud?: string; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return "AADSTS50027: JWT token is invalid or malformed.";
  }
  if (payload.iss !== state.clientId || payload.sub !== state.clientId)
    return "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.";
  if (payload.aud !== audience)
    return `AADSTS700024: Client assertion audience claim does not match Realm issuer. Expected ${audience}.`;
  if (!payload.exp || payload.exp * 1000 < Date.now())
    return "AADSTS700024: Client assertion is not within its valid time range.";
  if (!state.certificatePem) return "AADSTS700027: No certificate is registered for this application.";
  {
    const key = createPublicKey(state.certificatePem);
    const data = Buffer.from(`${h}.${p}`);
    const sig = Buffer.from(s, "base64url");
    const ok =
      header.alg === "PS256"
        ? verify("sha256", data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
        : header.alg === "RS256" && verify("sha256", data, key, sig);
    if (!ok) return "AADSTS700027: Client assertion failed signature validation.";
  }
  return null;
}

export function handleToken(
  state: TokenState,
  tenant: string,
  form: URLSearchParams,
  audience: string,
): SimResponse {
  if (tenant !== state.tenantId)
    return aadError(400, "invalid_request", `AADSTS90002: Tenant '${tenant}' not found.`);
  if (form.get("grant_type") !== "client_credentials")
    return aadError(
      400,
      "unsupported_grant_type",
      "AADSTS70003: The app requested an unsupported grant type.",
    );
  if (form.get("client_id") !== state.clientId) {
    return aadError(
      400,
      "unauthorized_client",
      `AADSTS700016: Application with identifier '${form.get("client_id")}' was not found in the directory.`,
    );
  }
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null) {
    if (secret !== state.clientSecret)
      return aadError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
  } else if (assertion !== null) {
    const problem = checkAssertion(state, assertion, audience);
    if (problem) return aadError(401, "invalid_client", problem);
  } else {
    return aadError(
      401,
      "invalid_client",
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const scope = form.get("scope") ?? "";
  if (!scope.endsWith("/.default"))
    return aadError(
      400,
      "invalid_scope",
      "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.",
    );
  const accessToken = randomBytes(32).toString("base64url");
  state.issued.set(accessToken, { expiresAt: Date.now() + state.lifetimeSeconds * 1000 });
  state.issuedCount++;
  return {
    status: 200,
    body: {
      token_type: "Bearer",
      expires_in: state.lifetimeSeconds,
      ext_expires_in: state.lifetimeSeconds,
      access_token: accessToken,
    },
  };
}

export function openIdConfiguration(origin: string, tenantId: string) {
  const base = `${origin}/${tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "tid"],
    tenant_region_scope: "EU",
    cloud_instance_name: "simulated.example",
  };
}
