import { AppError, type AppErrorCode } from "../errors";

export type GraphErrorKind =
  | "not_found"
  | "permission"
  | "throttled"
  | "upstream"
  | "bad_request"
  | "timeout"
  | "budget_exhausted"
  /** No tenant is configured: the unconfigured port (unconfigured.ts) answers every call with this. */
  | "unconfigured";

const appCodeOf: Record<GraphErrorKind, AppErrorCode> = {
  not_found: "NOT_FOUND",
  bad_request: "BAD_REQUEST",
  throttled: "TOO_MANY_REQUESTS",
  permission: "UPSTREAM",
  upstream: "UPSTREAM",
  timeout: "UPSTREAM",
  budget_exhausted: "UPSTREAM",
  unconfigured: "PRECONDITION_FAILED",
};

export interface GraphErrorInit {
  kind: GraphErrorKind;
  message: string;
  /** HTTP status from Graph, when there was a response. */
  status?: number;
  /** Graph's own error code, e.g. "Request_ResourceNotFound". */
  graphCode?: string;
  /** Graph's request-id, for support tickets with Microsoft. */
  requestId?: string;
  /** The operation that failed (see graphPermissions). */
  operation?: string;
  /** Seconds Graph asked us to wait (429). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Every failure from the gateway. An AppError so services can let it through to the one error map. */
export class GraphError extends AppError {
  readonly kind: GraphErrorKind;
  readonly status?: number;
  readonly graphCode?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly retryAfterSeconds?: number;

  constructor(init: GraphErrorInit) {
    super(
      appCodeOf[init.kind],
      init.message,
      {
        graphKind: init.kind,
        status: init.status,
        graphCode: init.graphCode,
        requestId: init.requestId,
        operation: init.operation,
      },
      { cause: init.cause },
    );
    this.name = "GraphError";
    this.kind = init.kind;
    this.status = init.status;
    this.graphCode = init.graphCode;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export const isGraphError = (e: unknown): e is GraphError => e instanceof GraphError;

/**
 * The least-privileged Graph *application* permission each operation needs (the README's permission table, docs/ARCHITECTURE.md), named in
 * the error when Graph answers 403 so an admin knows exactly what to grant.
 */
export const graphPermissions = {
  listUsers: "User.Read.All",
  getUser: "User.Read.All",
  usersDelta: "User.Read.All",
  listGroups: "GroupMember.Read.All",
  searchGroups: "GroupMember.Read.All",
  listGroupMembers: "GroupMember.Read.All",
  getGroup: "GroupMember.Read.All",
  getMemberGroupIds: "User.Read.All and GroupMember.Read.All",
  listRegistrationDetails: "AuditLog.Read.All",
  getRegistrationDetails: "AuditLog.Read.All",
  getUsersRegisteredByMethod: "AuditLog.Read.All",
  getUsersRegisteredByFeature: "AuditLog.Read.All",
  listFido2Methods: "UserAuthMethod-Passkey.Read.All",
  getFido2Method: "UserAuthMethod-Passkey.Read.All",
  deleteFido2Method: "UserAuthMethod-Passkey.ReadWrite.All",
  getFido2CreationOptions: "UserAuthMethod-Passkey.ReadWrite.All",
  createFido2Method: "UserAuthMethod-Passkey.ReadWrite.All",
  listAuthenticationMethods: "UserAuthenticationMethod.Read.All",
  createTemporaryAccessPass: "UserAuthMethod-TAP.ReadWrite.All",
  listTemporaryAccessPasses: "UserAuthMethod-TAP.Read.All",
  deleteTemporaryAccessPass: "UserAuthMethod-TAP.ReadWrite.All",
  getTapPolicy: "Policy.Read.AuthenticationMethod",
  getFido2Policy: "Policy.Read.AuthenticationMethod",
  revokeSignInSessions: "User.RevokeSessions.All",
  listSignIns: "AuditLog.Read.All and Directory.Read.All",
  listDirectoryAudits: "AuditLog.Read.All",
  listConditionalAccessPolicies: "Policy.Read.All",
  listAuthenticationStrengths: "Policy.Read.All",
  updateFido2Policy: "Policy.ReadWrite.AuthenticationMethod",
  sendMail: "Mail.Send",
} as const;

export type GraphOperation = keyof typeof graphPermissions;

export function permissionMessage(operation: string, graphMessage?: string): string {
  const permission = (graphPermissions as Record<string, string>)[operation];
  const grant = permission ? `Grant ${permission}` : "Grant the Graph application permission this call needs";
  return `${grant} (application permission, admin consent) to the KeyFleet app registration: Graph refused ${operation}${
    graphMessage ? ` (${graphMessage})` : ""
  }.`;
}
