// The security lead's levers as the Graph port returns them (docs/SECURITY-LEAD.md): Conditional Access
// policies and authentication strengths (read only), the FIDO2 policy's key restrictions (PATCH), and mail
// sent from a configured mailbox. Field names are Graph's.
import type { Fido2KeyRestrictions, PasskeyProfile } from "./port-policies";

export type ConditionalAccessState = "enabled" | "disabled" | "enabledForReportingButNotEnforced" | string;

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  state: ConditionalAccessState;
  /** conditions.users */
  users: {
    includeUsers: string[];
    excludeUsers: string[];
    includeGroups: string[];
    excludeGroups: string[];
    includeRoles: string[];
    excludeRoles: string[];
  };
  /** conditions.applications.includeApplications ("All", "Office365", app ids). */
  includeApplications: string[];
  /** grantControls.builtInControls (block, mfa, …) and operator. */
  builtInControls: string[];
  operator: string | null;
  /** grantControls.authenticationStrength.id, when the policy requires a strength. */
  authenticationStrengthId: string | null;
}

export interface AuthenticationStrength {
  id: string;
  displayName: string;
  /** builtIn | custom */
  policyType: string;
  /** authenticationMethodModes combinations, e.g. "fido2", "windowsHelloForBusiness", "password,sms". */
  allowedCombinations: string[];
  /** From a fido2CombinationConfiguration: only these AAGUIDs satisfy "fido2" (null = any key). */
  fido2AllowedAaguids: string[] | null;
}

/** A FIDO2 policy change: the legacy key restrictions and/or passkey profiles (each replaced whole). */
export interface Fido2PolicyPatch {
  keyRestrictions?: Fido2KeyRestrictions;
  passkeyProfiles?: PasskeyProfile[];
}

export interface MailMessage {
  subject: string;
  /** Plain text. */
  body: string;
  to: { address: string; name?: string }[];
}

export interface LeversPort {
  /** GET /identity/conditionalAccess/policies (Policy.Read.All). */
  listConditionalAccessPolicies(): Promise<ConditionalAccessPolicy[]>;
  /** GET /identity/conditionalAccess/authenticationStrength/policies (Policy.Read.All). */
  listAuthenticationStrengths(): Promise<AuthenticationStrength[]>;
  /** PATCH the FIDO2 method configuration (Policy.ReadWrite.AuthenticationMethod). */
  updateFido2Policy(patch: Fido2PolicyPatch): Promise<void>;
  /** POST /users/{mailbox}/sendMail (Mail.Send, application; restrict it to the mailbox). Not saved to Sent Items. */
  sendMail(mailbox: string, message: MailMessage): Promise<void>;
}
