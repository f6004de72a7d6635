import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";

// A real OpenID Connect provider standing in for Entra ID: authorization code + PKCE, signed ID tokens
// carrying Entra-style app roles in the `roles` claim. Its (development) login form accepts any password
// for the accounts below.

export const OIDC_CLIENT = {
  id: "keyfleet-e2e",
  secret: "e2e-client-secret-not-for-production-use",
} as const;

export const oidcAccounts = {
  "security.lead": {
    name: "Sasha Lindqvist",
    email: "sasha.lindqvist@contoso-e2e.example",
    roles: ["KeyFleet.Security"],
  },
  "no.roles": { name: "Nils Norole", email: "nils.norole@contoso-e2e.example", roles: [] as string[] },
} as const;
export type OidcAccountId = keyof typeof oidcAccounts;

export interface RunningOidcProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider({
  port,
  redirectUri,
}: {
  port: number;
  redirectUri: string;
}): Promise<RunningOidcProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // Like Entra: the app roles travel in the ID token (hence conformIdTokenClaims: false).
    claims: { openid: ["sub", "roles"], profile: ["name", "preferred_username"], email: ["email"] },
    conformIdTokenClaims: false,
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789abcdef"] },
    features: { devInteractions: { enabled: true } },
    ttl: {
      Interaction: 600,
      Session: 600,
      Grant: 600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    async findAccount(_ctx, id) {
      const account = oidcAccounts[id as OidcAccountId];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: account.name,
          preferred_username: account.email,
          email: account.email,
          ...(account.roles.length ? { roles: [...account.roles] } : {}),
        }),
      };
    },
    // First-party app: grant the requested scopes without a consent screen (as an admin-consented Entra app).
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid profile email");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
