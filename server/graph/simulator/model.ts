// The simulated tenant's state. Plain arrays indexed by user number keep 100 000 users cheap.

export interface SimUser {
  idx: number;
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string | null;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  department: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  site: number;
  businessPhones: string[];
  mobilePhone: string | null;
  employeeId: string | null;
  onPremisesSyncEnabled: boolean | null;
  createdAt: number;
  managerIdx: number;
  hasAuthenticatorApp: boolean;
  isPrivileged: boolean;
  deletedAt: number | null;
  /** Sequence number of the last change, for users/delta. */
  changeSeq: number;
  signInSessionsValidFrom: number | null;
}

export type CredentialKind = "hardware" | "authenticator" | "synced";

export interface SimCredential {
  id: string;
  userIdx: number;
  aaGuid: string;
  model: string;
  displayName: string;
  kind: CredentialKind;
  createdAt: number;
  attestationLevel: "attested" | "notAttested";
  attestationCertificates: string[];
  removedAt: number | null;
  lastUsedAt: number | null;
  /** Index into tenant.keys for hardware credentials. Never on a Graph route. */
  keyIdx: number | null;
}

export type PhysicalKeyState = "issued" | "registered" | "lost" | "removed";

/** Ground truth about a physical key, known only to the simulator and its control API. */
export interface PhysicalKey {
  idx: number;
  serial: string;
  aaGuid: string;
  model: string;
  vendor: string;
  holderIdx: number;
  /** Brought from home rather than handed out by the organisation. */
  isPersonal: boolean;
  issuedAt: number;
  /** When the holder will register it (issued keys not yet registered). */
  registerAt: number | null;
  credentialId: string | null;
  state: PhysicalKeyState;
}

export interface SimTap {
  id: string;
  userIdx: number;
  value: string;
  createdAt: number;
  startAt: number;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  /** When the user signed in with it (control API "use the TAP"); a one-time pass is then spent. */
  usedAt?: number | null;
}

export interface SimGroup {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  memberUserIdxs: number[];
  memberGroupIds: string[];
}

export interface SimSignIn {
  id: string;
  at: number;
  userIdx: number;
  credentialId: string | null;
  method: string;
  detail: string | null;
  /** A second step after a password (e.g. "Text message"). */
  secondFactor?: string | null;
  /** A failed sign-in (sign-in-failures.ts): Entra's error code and reason. */
  failure?: { errorCode: number; failureReason: string };
}

export interface TapPolicyState {
  state: "enabled" | "disabled";
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
  includeTargets: { id: string; targetType: string; isRegistrationRequired: boolean }[];
  excludeTargets: { id: string; targetType: string }[];
}

export interface Fido2PolicyState {
  state: "enabled" | "disabled";
  isSelfServiceRegistrationAllowed: boolean;
  isAttestationEnforced: boolean;
  keyRestrictions: { isEnforced: boolean; enforcementType: "allow" | "block"; aaGuids: string[] };
  defaultPasskeyProfile: string;
  includeTargets: {
    id: string;
    targetType: string;
    isRegistrationRequired: boolean;
    allowedPasskeyProfiles: string[];
  }[];
  excludeTargets: { id: string; targetType: string }[];
  passkeyProfiles: {
    id: string;
    name: string;
    passkeyTypes: string;
    attestationEnforcement: string;
    keyRestrictions: { isEnforced: boolean; enforcementType: "allow" | "block"; aaGuids: string[] };
  }[];
}

export interface TenantState {
  tenantId: string;
  domain: string;
  seed: number;
  users: SimUser[];
  usersById: Map<string, SimUser>;
  usersByUpn: Map<string, SimUser>;
  credentials: SimCredential[];
  credentialsByUser: Map<number, SimCredential[]>;
  keys: PhysicalKey[];
  taps: Map<number, SimTap>;
  groups: SimGroup[];
  groupsById: Map<string, SimGroup>;
  signIns: SimSignIn[];
  tapPolicy: TapPolicyState;
  fido2Policy: Fido2PolicyState;
  /** Monotonic change counter for users/delta; changes[i] = user idx changed at seq i + 1. */
  seq: number;
  changes: number[];
  /** Tenant clock: real time plus this offset (advance() moves it). */
  offsetMs: number;
  /** How long before the registration report reflects a change. */
  reportLagMs: number;
  random: () => number;
}
