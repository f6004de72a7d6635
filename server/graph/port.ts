// The one door to Entra. Services depend on this interface only; the SDK adapter (adapter.ts) and test
// fakes implement it. Field names are Graph's (camelCase); unknown properties from the wire are dropped
// by the mappers, never an error.
import type { GraphError } from "./errors";
import type { DirectoryAudit, SignIn, SignInQuery } from "./port-logs";
import type { Fido2Policy, TapPolicy } from "./port-policies";
import type { LeversPort } from "./port-levers";
// Sign-in logs and directory audits live in port-logs.ts.
export type { AuthenticationDetail, DirectoryAudit, SignIn, SignInQuery } from "./port-logs";

export interface GraphUser {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  accountEnabled?: boolean;
  userType?: string;
  department?: string | null;
  jobTitle?: string | null;
  officeLocation?: string | null;
  businessPhones?: string[];
  mobilePhone?: string | null;
  employeeId?: string | null;
  onPremisesSyncEnabled?: boolean | null;
  createdDateTime?: string;
  /** Present only when asked for with `expandManager`. */
  manager?: { id: string; displayName?: string } | null;
}

export interface UsersDeltaPage {
  users: GraphUser[];
  /** Entries carrying `@removed`: deleted (soft-deleted in Entra) or moved out of scope. */
  removed: { id: string; reason: "deleted" | "changed" | string }[];
  /** Only on the last page of a round: store it and pass it back for the next round. */
  deltaLink?: string;
}

export interface GraphGroup {
  id: string;
  displayName?: string;
  description?: string | null;
  mailNickname?: string;
}

export interface DirectoryObject {
  id: string;
  /** e.g. "#microsoft.graph.user", "#microsoft.graph.group" */
  odataType: string;
  displayName?: string;
  userPrincipalName?: string;
}

export interface UserRegistrationDetails {
  id: string;
  userPrincipalName?: string;
  userDisplayName?: string;
  userType?: string;
  isAdmin?: boolean;
  isMfaCapable?: boolean;
  isMfaRegistered?: boolean;
  isPasswordlessCapable?: boolean;
  isSsprCapable?: boolean;
  isSsprEnabled?: boolean;
  isSsprRegistered?: boolean;
  isSystemPreferredAuthenticationMethodEnabled?: boolean;
  methodsRegistered: string[];
  systemPreferredAuthenticationMethods?: string[];
  userPreferredMethodForSecondaryAuthentication?: string | null;
  lastUpdatedDateTime?: string;
}

export type IncludedUserTypes = "all" | "member" | "guest";
export type IncludedUserRoles = "all" | "privilegedAdmin" | "admin" | "user";

export interface UserRegistrationMethodSummary {
  totalUserCount: number;
  userTypes?: string;
  userRoles?: string;
  userRegistrationMethodCounts: { authenticationMethod: string; userCount: number }[];
}

export interface UserRegistrationFeatureSummary {
  totalUserCount: number;
  userTypes?: string;
  userRoles?: string;
  userRegistrationFeatureCounts: { feature: string; userCount: number }[];
}

export interface Fido2Method {
  id: string;
  displayName?: string | null;
  createdDateTime?: string | null;
  aaGuid?: string | null;
  model?: string | null;
  attestationCertificates?: string[];
  attestationLevel?: "attested" | "notAttested" | string | null;
  passkeyType?: "deviceBound" | "synced" | string | null;
  /** Beta only. */
  lastUsedDateTime?: string | null;
}

export type UserFido2Result = { ok: true; methods: Fido2Method[] } | { ok: false; error: GraphError };

export interface AuthenticationMethod {
  id: string;
  /** e.g. "#microsoft.graph.fido2AuthenticationMethod" */
  odataType: string;
  createdDateTime?: string | null;
  displayName?: string | null;
  aaGuid?: string | null;
  model?: string | null;
  phoneNumber?: string | null;
  phoneType?: string | null;
}

export interface TemporaryAccessPass {
  id: string;
  createdDateTime?: string;
  startDateTime?: string;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
  isUsable?: boolean;
  methodUsabilityReason?: string;
}

/** The pass itself exists only here, in the create response. Show it once; never store or log it. */
export interface CreatedTemporaryAccessPass extends TemporaryAccessPass {
  temporaryAccessPass: string;
}

export interface CreateTapInput {
  startDateTime?: string;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
}

// The TAP and FIDO2 method policies live in port-policies.ts; re-exported so callers keep one door.
export type {
  AuthenticationMethodTarget,
  Fido2KeyRestrictions,
  Fido2Policy,
  PasskeyProfile,
  TapPolicy,
} from "./port-policies";

export interface WebauthnCreationOptions {
  challengeTimeoutDateTime?: string;
  publicKey: {
    rp: { id?: string; name?: string };
    user: { id: string; displayName?: string; name?: string };
    challenge: string;
    pubKeyCredParams: { type: string; alg: number }[];
    timeout?: number;
    excludeCredentials?: { type: string; id: string; transports?: string[] }[];
    authenticatorSelection?: {
      authenticatorAttachment?: string;
      requireResidentKey?: boolean;
      userVerification?: string;
    };
    attestation?: string;
    extensions?: Record<string, unknown>;
  };
}

export interface WebauthnPublicKeyCredential {
  /** base64url credential id, no padding */
  id: string;
  response: { clientDataJSON: string; attestationObject: string };
  clientExtensionResults?: Record<string, unknown>;
}

export interface GraphCounters {
  /** Every HTTP request sent to Graph, each $batch envelope counted once. */
  requests: number;
  /** 429 responses seen, inner batch responses included. */
  throttled: number;
  /** Requests (or inner batch requests) sent again after a 429/5xx/timeout. */
  retries: number;
  /** Remaining requests in the budget, or null when unbounded. */
  budgetRemaining: number | null;
}

export interface ListUsersQuery {
  select?: readonly string[];
  /** Page size, 1–999. */
  top?: number;
  expandManager?: boolean;
}

export interface GraphPort extends LeversPort {
  listUsers(query?: ListUsersQuery): AsyncIterable<GraphUser[]>;
  getUser(
    idOrUpn: string,
    query?: { select?: readonly string[]; expandManager?: boolean },
  ): Promise<GraphUser>;
  /** A round of users/delta: start with no deltaLink for a full round; pass the stored one afterwards. */
  usersDelta(query: { select?: readonly string[]; deltaLink?: string }): AsyncIterable<UsersDeltaPage>;

  listGroups(query?: { select?: readonly string[] }): AsyncIterable<GraphGroup[]>;
  /**
   * Groups whose display name starts with `prefix` (case-insensitive; every group when empty): the first
   * page of at most `top` (default 50, at most 999), a picker's worth; typing narrows it.
   */
  searchGroups(prefix: string, query?: { top?: number }): Promise<GraphGroup[]>;
  listGroupMembers(
    groupId: string,
    query?: { transitive?: boolean; top?: number },
  ): AsyncIterable<DirectoryObject[]>;
  getGroup(groupId: string): Promise<GraphGroup>;
  /** Ids of every group the user belongs to, through nested groups too (getMemberGroups is transitive). */
  getMemberGroupIds(userId: string): Promise<string[]>;

  listRegistrationDetails(query?: { filter?: string }): AsyncIterable<UserRegistrationDetails[]>;
  getRegistrationDetails(userId: string): Promise<UserRegistrationDetails>;
  getUsersRegisteredByMethod(q?: {
    includedUserTypes?: IncludedUserTypes;
    includedUserRoles?: IncludedUserRoles;
  }): Promise<UserRegistrationMethodSummary>;
  getUsersRegisteredByFeature(q?: {
    includedUserTypes?: IncludedUserTypes;
    includedUserRoles?: IncludedUserRoles;
  }): Promise<UserRegistrationFeatureSummary>;

  listFido2Methods(userId: string): Promise<Fido2Method[]>;
  getFido2Method(userId: string, methodId: string): Promise<Fido2Method>;
  deleteFido2Method(userId: string, methodId: string): Promise<void>;
  /** In $batch groups of at most 20; a failure for one user never fails the others. */
  listFido2MethodsForUsers(userIds: readonly string[]): Promise<Map<string, UserFido2Result>>;
  getFido2CreationOptions(
    userId: string,
    query?: { challengeTimeoutInMinutes?: number },
  ): Promise<WebauthnCreationOptions>;
  createFido2Method(
    userId: string,
    input: { displayName?: string; publicKeyCredential: WebauthnPublicKeyCredential },
  ): Promise<Fido2Method>;

  listAuthenticationMethods(userId: string): Promise<AuthenticationMethod[]>;

  createTemporaryAccessPass(userId: string, input: CreateTapInput): Promise<CreatedTemporaryAccessPass>;
  listTemporaryAccessPasses(userId: string): Promise<TemporaryAccessPass[]>;
  deleteTemporaryAccessPass(userId: string, methodId: string): Promise<void>;

  getTapPolicy(): Promise<TapPolicy>;
  getFido2Policy(): Promise<Fido2Policy>;

  revokeSignInSessions(userId: string): Promise<boolean>;
  /** Beta sign-in logs with authenticationDetails, newest first. */
  listSignIns(query?: SignInQuery): AsyncIterable<SignIn[]>;

  /**
   * Directory audit events at or after `since` (ISO, whole seconds), newest first. Throttled like a report
   * (5 requests / 10 s), so it pages with the largest $top; callers pick the activities they care about.
   */
  listDirectoryAudits(query: { since: string }): AsyncIterable<DirectoryAudit[]>;

  counters(): GraphCounters;
  /**
   * A view sharing the connection, token and concurrency limit, with its own counters and budget (one per
   * run). `deadline` (epoch ms): throttled requests are retried until then rather than a fixed number of
   * times; `priority`: its requests go ahead of other views' waiting ones.
   */
  withBudget(maxRequests: number | null, view?: { deadline?: number | null; priority?: boolean }): GraphPort;
}
