// Wire JSON → domain objects. Only known fields are copied; unknown ones (Graph adds properties all
// the time) are ignored, and a field of the wrong type is treated as absent rather than an error.
import type {
  AuthenticationDetail,
  AuthenticationMethod,
  CreatedTemporaryAccessPass,
  DirectoryAudit,
  DirectoryObject,
  Fido2Method,
  GraphGroup,
  GraphUser,
  SignIn,
  TemporaryAccessPass,
  UserRegistrationDetails,
  UserRegistrationFeatureSummary,
  UserRegistrationMethodSummary,
  WebauthnCreationOptions,
} from "./port";

import { arr, bool, clean, nstr, num, obj, str, strs } from "./mappers-wire";

// The authentication-method policies' mappers live in mappers-policies.ts.
export { toFido2Policy, toTapPolicy } from "./mappers-policies";

export function toUser(raw: unknown): GraphUser {
  const j = obj(raw);
  const manager =
    j.manager === null
      ? null
      : j.manager
        ? { id: str(obj(j.manager).id) ?? "", displayName: str(obj(j.manager).displayName) }
        : undefined;
  return clean({
    id: str(j.id) ?? "",
    userPrincipalName: str(j.userPrincipalName),
    displayName: str(j.displayName),
    givenName: nstr(j.givenName),
    surname: nstr(j.surname),
    mail: nstr(j.mail),
    accountEnabled: bool(j.accountEnabled),
    userType: str(j.userType),
    department: nstr(j.department),
    jobTitle: nstr(j.jobTitle),
    officeLocation: nstr(j.officeLocation),
    businessPhones: Array.isArray(j.businessPhones) ? strs(j.businessPhones) : undefined,
    mobilePhone: nstr(j.mobilePhone),
    employeeId: nstr(j.employeeId),
    onPremisesSyncEnabled: j.onPremisesSyncEnabled === null ? null : bool(j.onPremisesSyncEnabled),
    createdDateTime: str(j.createdDateTime),
    manager: manager ? clean(manager) : manager,
  });
}

export function toGroup(raw: unknown): GraphGroup {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "",
    displayName: str(j.displayName),
    description: nstr(j.description),
    mailNickname: str(j.mailNickname),
  });
}

export function toDirectoryObject(raw: unknown): DirectoryObject {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "",
    odataType: str(j["@odata.type"]) ?? "#microsoft.graph.directoryObject",
    displayName: str(j.displayName),
    userPrincipalName: str(j.userPrincipalName),
  });
}

export function toRegistrationDetails(raw: unknown): UserRegistrationDetails {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "",
    userPrincipalName: str(j.userPrincipalName),
    userDisplayName: str(j.userDisplayName),
    userType: str(j.userType),
    isAdmin: bool(j.isAdmin),
    isMfaCapable: bool(j.isMfaCapable),
    isMfaRegistered: bool(j.isMfaRegistered),
    isPasswordlessCapable: bool(j.isPasswordlessCapable),
    isSsprCapable: bool(j.isSsprCapable),
    isSsprEnabled: bool(j.isSsprEnabled),
    isSsprRegistered: bool(j.isSsprRegistered),
    isSystemPreferredAuthenticationMethodEnabled: bool(j.isSystemPreferredAuthenticationMethodEnabled),
    methodsRegistered: strs(j.methodsRegistered),
    systemPreferredAuthenticationMethods: Array.isArray(j.systemPreferredAuthenticationMethods)
      ? strs(j.systemPreferredAuthenticationMethods)
      : undefined,
    userPreferredMethodForSecondaryAuthentication: nstr(j.userPreferredMethodForSecondaryAuthentication),
    lastUpdatedDateTime: str(j.lastUpdatedDateTime),
  });
}

export function toMethodSummary(raw: unknown): UserRegistrationMethodSummary {
  const j = obj(raw);
  return clean({
    totalUserCount: num(j.totalUserCount) ?? 0,
    userTypes: str(j.userTypes),
    userRoles: str(j.userRoles),
    userRegistrationMethodCounts: arr(j.userRegistrationMethodCounts).map((c) => ({
      authenticationMethod: str(c.authenticationMethod) ?? "",
      userCount: num(c.userCount) ?? 0,
    })),
  });
}

export function toFeatureSummary(raw: unknown): UserRegistrationFeatureSummary {
  const j = obj(raw);
  return clean({
    totalUserCount: num(j.totalUserCount) ?? 0,
    userTypes: str(j.userTypes),
    userRoles: str(j.userRoles),
    userRegistrationFeatureCounts: arr(j.userRegistrationFeatureCounts).map((c) => ({
      feature: str(c.feature) ?? "",
      userCount: num(c.userCount) ?? 0,
    })),
  });
}

export function toFido2Method(raw: unknown): Fido2Method {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "",
    displayName: nstr(j.displayName),
    createdDateTime: nstr(j.createdDateTime),
    aaGuid: typeof j.aaGuid === "string" ? j.aaGuid.toLowerCase() : nstr(j.aaGuid),
    model: nstr(j.model),
    attestationCertificates: Array.isArray(j.attestationCertificates)
      ? strs(j.attestationCertificates)
      : undefined,
    attestationLevel: nstr(j.attestationLevel),
    passkeyType: nstr(j.passkeyType),
    lastUsedDateTime: nstr(j.lastUsedDateTime),
  });
}

export function toAuthenticationMethod(raw: unknown): AuthenticationMethod {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "",
    odataType: str(j["@odata.type"]) ?? "#microsoft.graph.authenticationMethod",
    createdDateTime: nstr(j.createdDateTime),
    displayName: nstr(j.displayName),
    aaGuid: nstr(j.aaGuid),
    model: nstr(j.model),
    phoneNumber: nstr(j.phoneNumber),
    phoneType: nstr(j.phoneType),
  });
}

export function toTap(raw: unknown): TemporaryAccessPass {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "",
    createdDateTime: str(j.createdDateTime),
    startDateTime: str(j.startDateTime),
    lifetimeInMinutes: num(j.lifetimeInMinutes),
    isUsableOnce: bool(j.isUsableOnce),
    isUsable: bool(j.isUsable),
    methodUsabilityReason: str(j.methodUsabilityReason),
  });
}

export function toCreatedTap(raw: unknown): CreatedTemporaryAccessPass {
  return { ...toTap(raw), temporaryAccessPass: str(obj(raw).temporaryAccessPass) ?? "" };
}

export function toSignIn(raw: unknown): SignIn {
  const j = obj(raw);
  const status = obj(j.status);
  return clean({
    id: str(j.id) ?? "",
    createdDateTime: str(j.createdDateTime) ?? "",
    userId: str(j.userId),
    userPrincipalName: str(j.userPrincipalName),
    userDisplayName: str(j.userDisplayName),
    appDisplayName: str(j.appDisplayName),
    status: j.status
      ? clean({ errorCode: num(status.errorCode), failureReason: nstr(status.failureReason) })
      : undefined,
    authenticationMethodsUsed: Array.isArray(j.authenticationMethodsUsed)
      ? strs(j.authenticationMethodsUsed)
      : undefined,
    authenticationDetails: arr(j.authenticationDetails).map((d): AuthenticationDetail =>
      clean({
        authenticationMethod: nstr(d.authenticationMethod),
        authenticationMethodDetail: nstr(d.authenticationMethodDetail),
        authenticationStepDateTime: nstr(d.authenticationStepDateTime),
        authenticationStepRequirement: nstr(d.authenticationStepRequirement),
        authenticationStepResultDetail: nstr(d.authenticationStepResultDetail),
        succeeded: d.succeeded === null ? null : bool(d.succeeded),
      }),
    ),
  });
}

export function toCreationOptions(raw: unknown): WebauthnCreationOptions {
  const j = obj(raw);
  const pk = obj(j.publicKey);
  const sel = obj(pk.authenticatorSelection);
  return clean({
    challengeTimeoutDateTime: str(j.challengeTimeoutDateTime),
    publicKey: clean({
      rp: clean({ id: str(obj(pk.rp).id), name: str(obj(pk.rp).name) }),
      user: clean({
        id: str(obj(pk.user).id) ?? "",
        displayName: str(obj(pk.user).displayName),
        name: str(obj(pk.user).name),
      }),
      challenge: str(pk.challenge) ?? "",
      pubKeyCredParams: arr(pk.pubKeyCredParams).map((p) => ({
        type: str(p.type) ?? "public-key",
        alg: num(p.alg) ?? -7,
      })),
      timeout: num(pk.timeout),
      excludeCredentials: arr(pk.excludeCredentials).map((c) =>
        clean({
          type: str(c.type) ?? "public-key",
          id: str(c.id) ?? "",
          transports: Array.isArray(c.transports) ? strs(c.transports) : undefined,
        }),
      ),
      authenticatorSelection: pk.authenticatorSelection
        ? clean({
            authenticatorAttachment: str(sel.authenticatorAttachment),
            requireResidentKey: bool(sel.requireResidentKey),
            userVerification: str(sel.userVerification),
          })
        : undefined,
      attestation: str(pk.attestation),
      extensions: pk.extensions && typeof pk.extensions === "object" ? obj(pk.extensions) : undefined,
    }),
  });
}

export function toDirectoryAudit(raw: unknown): DirectoryAudit {
  const j = obj(raw);
  return {
    id: str(j.id) ?? "",
    activityDisplayName: str(j.activityDisplayName) ?? "",
    activityDateTime: str(j.activityDateTime) ?? "",
    targetUserIds: arr(j.targetResources)
      .filter((t) => str(t.type)?.toLowerCase() === "user" && str(t.id))
      .map((t) => str(t.id)!),
  };
}
