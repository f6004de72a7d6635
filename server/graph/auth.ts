import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from "@azure/identity";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";

export interface GraphConfig {
  /** e.g. https://graph.microsoft.com, or any Graph-compatible server over https */
  baseUrl: string;
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** PEM file holding the certificate and its private key. */
  certificatePath?: string;
}

export interface TokenSource extends AuthenticationProvider {
  /** Forget the cached token (and the credential's cache) so the next call fetches a fresh one. */
  reset(): void;
}

export const tokenErrorName = "KeyFleetTokenError";

const microsoftAuthority = "login.microsoftonline.com";

function makeCredential(config: GraphConfig): TokenCredential {
  // Instance discovery asks login.microsoftonline.com about the authority; any other authority
  // (sovereign stand-ins, the simulator) must skip it or the first token request fails.
  const options = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: new URL(config.authorityHost).hostname.toLowerCase() !== microsoftAuthority,
  };
  if (config.clientSecret) {
    return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, options);
  }
  if (config.certificatePath) {
    return new ClientCertificateCredential(
      config.tenantId,
      config.clientId,
      { certificatePath: config.certificatePath },
      options,
    );
  }
  throw new Error("Graph configuration needs a client secret or a certificate path");
}

/** The scope for the client-credentials grant: `<graph origin>/.default`. */
export function graphScope(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/.default`;
}

export function createTokenSource(config: GraphConfig): TokenSource {
  const scope = graphScope(config.baseUrl);
  let credential = makeCredential(config);
  return {
    async getAccessToken() {
      try {
        const token = await credential.getToken(scope);
        if (!token) throw new Error("the authority returned no access token");
        return token.token;
      } catch (e) {
        // The SDK rewraps middleware errors keeping only name and message: the name marks it as ours.
        const error = new Error(
          `Entra did not issue a token to the KeyFleet app registration (${config.clientId}) at ${config.authorityHost}: ${(e as Error)?.message ?? e}`,
        );
        error.name = tokenErrorName;
        throw error;
      }
    },
    reset() {
      // The credential's MSAL cache would hand back the rejected token until it nears expiry; a new
      // credential starts with an empty cache.
      credential = makeCredential(config);
    },
  };
}
