// The authentication-method policies as the Graph port returns them (fields are Graph's).

export interface AuthenticationMethodTarget {
  id: string;
  targetType?: string;
  isRegistrationRequired?: boolean;
  allowedPasskeyProfiles?: string[];
}

export interface TapPolicy {
  id: string;
  state: "enabled" | "disabled" | string;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
  includeTargets: AuthenticationMethodTarget[];
  excludeTargets: { id: string; targetType?: string }[];
}

export interface Fido2KeyRestrictions {
  isEnforced: boolean;
  enforcementType: "allow" | "block" | string;
  aaGuids: string[];
}

export interface PasskeyProfile {
  id: string;
  name?: string;
  /** Graph serialises the flags enum as a comma string, e.g. "deviceBound,synced". */
  passkeyTypes?: string;
  attestationEnforcement?: string;
  keyRestrictions?: Fido2KeyRestrictions;
}

export interface Fido2Policy {
  id: string;
  state: "enabled" | "disabled" | string;
  isSelfServiceRegistrationAllowed?: boolean;
  isAttestationEnforced?: boolean;
  /** Legacy (deprecated Oct 2027), still returned. */
  keyRestrictions?: Fido2KeyRestrictions;
  defaultPasskeyProfile?: string | null;
  includeTargets: AuthenticationMethodTarget[];
  excludeTargets: { id: string; targetType?: string }[];
  /** Empty on tenants not migrated to passkey profiles. */
  passkeyProfiles: PasskeyProfile[];
}
