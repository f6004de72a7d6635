import type { TenantState } from "./model";
import type { SimRequest, SimResponse } from "./odata";

export interface DestructiveCall {
  at: string;
  kind:
    | "deleteFido2Method"
    | "deleteTemporaryAccessPass"
    | "createTemporaryAccessPass"
    | "revokeSignInSessions"
    | "createFido2Method";
  method: string;
  path: string;
  userId: string;
  methodId?: string;
  status: number;
}

export interface PendingChallenge {
  userIdx: number;
  expiresAt: number;
}

export interface SimContext {
  tenant: TenantState;
  destructive: DestructiveCall[];
  challenges: Map<string, PendingChallenge>;
  /** Credential id → serial chosen by the control API's virtual authenticator, linked at POST. */
  pendingSerials: Map<string, { serial: string; aaGuid: string }>;
  webauthn: WebauthnSettings;
}

/** What the provisioning routes check a ceremony against (docs/ENROLLMENT.md). */
export interface WebauthnSettings {
  /** Graph's creationOptions name login.microsoftonline.com; a test sets the portal's host so a browser will run the ceremony. */
  rpId: string;
  /** AAGUID a test authenticator sends → the AAGUID the tenant records (Chromium's virtual authenticator has a fixed one). */
  aaguidAliases: Map<string, string>;
}

export const defaultRpId = "login.microsoftonline.com";

export type Bucket = "directory" | "reports" | "none";

export interface Route {
  name: string;
  method: "GET" | "POST" | "DELETE" | "PATCH";
  pattern: RegExp;
  /** Any one of these application permissions is enough. */
  permissions: readonly string[];
  bucket: Bucket;
  /** Base resource-unit cost (docs/ARCHITECTURE.md, "Microsoft Graph facts": throttling). */
  cost: number;
  handle(ctx: SimContext, req: SimRequest, params: string[]): SimResponse;
}

export const readAuthMethods = [
  "UserAuthenticationMethod.Read.All",
  "UserAuthenticationMethod.ReadWrite.All",
];
export const writeAuthMethods = ["UserAuthenticationMethod.ReadWrite.All"];
