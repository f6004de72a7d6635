// Tenant state → Graph JSON. Ground truth (serials, key state) never appears here.
import type { Json } from "./odata";
import type { SimCredential, SimSignIn, SimTap, SimUser, TenantState } from "./model";
import { tenantNow } from "./tenant";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function userJson(t: TenantState, u: SimUser, expandManager = false): Json {
  const json: Json = {
    "@odata.type": "#microsoft.graph.user",
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    givenName: u.givenName,
    surname: u.surname,
    mail: u.mail,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    department: u.department,
    jobTitle: u.jobTitle,
    officeLocation: u.officeLocation,
    businessPhones: u.businessPhones,
    mobilePhone: u.mobilePhone,
    employeeId: u.employeeId,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    createdDateTime: iso(u.createdAt),
    preferredLanguage: "en-US",
  };
  if (expandManager) {
    const m = u.managerIdx >= 0 ? t.users[u.managerIdx] : undefined;
    json.manager =
      m && m.deletedAt === null
        ? { "@odata.type": "#microsoft.graph.user", id: m.id, displayName: m.displayName }
        : null;
  }
  return json;
}

export function fido2Json(c: SimCredential, beta: boolean): Json {
  const json: Json = {
    "@odata.type": "#microsoft.graph.fido2AuthenticationMethod",
    id: c.id,
    displayName: c.displayName,
    createdDateTime: iso(c.createdAt),
    aaGuid: c.aaGuid,
    model: c.model,
    attestationCertificates: c.attestationCertificates,
    attestationLevel: c.attestationLevel,
    passkeyType: c.kind === "synced" ? "synced" : "deviceBound",
  };
  if (beta) json.lastUsedDateTime = c.lastUsedAt === null ? null : iso(c.lastUsedAt);
  return json;
}

export function tapJson(t: TenantState, tap: SimTap, includeValue: boolean): Json {
  const now = tenantNow(t);
  const end = tap.startAt + tap.lifetimeInMinutes * 60_000;
  const reason =
    t.tapPolicy.state !== "enabled"
      ? "DisabledByPolicy"
      : now < tap.startAt
        ? "NotYetValid"
        : now >= end
          ? "Expired"
          : tap.isUsableOnce && tap.usedAt != null
            ? "OneTimeUsed"
            : "EnabledByPolicy";
  return {
    "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
    id: tap.id,
    // The pass is returned once, in the create response, and is null everywhere else.
    temporaryAccessPass: includeValue ? tap.value : null,
    createdDateTime: iso(tap.createdAt),
    startDateTime: iso(tap.startAt),
    lifetimeInMinutes: tap.lifetimeInMinutes,
    isUsableOnce: tap.isUsableOnce,
    isUsable: reason === "EnabledByPolicy",
    methodUsabilityReason: reason,
  };
}

const methodNameOf = (c: SimCredential) =>
  c.kind === "hardware"
    ? "passKeyDeviceBound"
    : c.kind === "authenticator"
      ? "passKeyDeviceBoundAuthenticator"
      : "passKeySynced";

/** The registration report as of (now − lag): a report, not live state. */
export function registrationJson(t: TenantState, u: SimUser): Json {
  const asOf = tenantNow(t) - t.reportLagMs;
  const methods = new Set<string>();
  let lastChange = u.createdAt;
  if (u.mobilePhone) methods.add("mobilePhone");
  if (u.hasAuthenticatorApp) methods.add("microsoftAuthenticatorPush");
  for (const c of t.credentialsByUser.get(u.idx) ?? []) {
    if (c.createdAt <= asOf && (c.removedAt === null || c.removedAt > asOf)) methods.add(methodNameOf(c));
    for (const at of [c.createdAt, c.removedAt])
      if (at !== null && at <= asOf && at > lastChange) lastChange = at;
  }
  const list = [...methods];
  const passwordless = list.some((m) => m.startsWith("passKey"));
  const mfa = list.length > 0;
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    userDisplayName: u.displayName,
    userType: u.userType === "Guest" ? "guest" : "member",
    isAdmin: u.isPrivileged,
    isSsprRegistered: mfa,
    isSsprEnabled: true,
    isSsprCapable: mfa,
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: passwordless,
    isSystemPreferredAuthenticationMethodEnabled: true,
    methodsRegistered: list,
    systemPreferredAuthenticationMethods: u.hasAuthenticatorApp
      ? ["push"]
      : u.mobilePhone
        ? ["sms"]
        : ["none"],
    userPreferredMethodForSecondaryAuthentication: u.hasAuthenticatorApp
      ? "push"
      : u.mobilePhone
        ? "sms"
        : "none",
    lastUpdatedDateTime: iso(Math.min(lastChange, asOf)),
  };
}

const failedStep = (f: { failureReason: string }) => ({
  succeeded: false,
  authenticationStepResultDetail: f.failureReason,
});

export function signInJson(t: TenantState, s: SimSignIn, beta: boolean): Json {
  const u = t.users[s.userIdx];
  const json: Json = {
    id: s.id,
    createdDateTime: iso(s.at),
    userId: u?.id,
    userPrincipalName: u?.userPrincipalName,
    userDisplayName: u?.displayName,
    appDisplayName: "Office 365",
    status: s.failure ?? { errorCode: 0, failureReason: null },
  };
  if (beta) {
    const second = s.secondFactor ? [s.secondFactor === "Text message" ? "SMS" : "Authenticator App"] : [];
    json.authenticationMethodsUsed = [
      s.method.startsWith("FIDO2") || s.method.startsWith("Passkey") ? "FIDO" : "Password",
      ...second,
    ];
    const step = (method: string, detail: string | null, requirement: string) => ({
      authenticationStepDateTime: iso(s.at),
      authenticationMethod: method,
      authenticationMethodDetail: detail,
      succeeded: true,
      authenticationStepResultDetail: "methodSucceeded",
      authenticationStepRequirement: requirement,
    });
    json.authenticationDetails = [
      { ...step(s.method, s.detail, "Primary authentication"), ...(s.failure ? failedStep(s.failure) : {}) },
      ...(s.secondFactor ? [step(s.secondFactor, null, "Multifactor authentication")] : []),
    ];
  }
  return json;
}

export { iso };
