// Wire JSON → the TAP and FIDO2 method policies (port-policies.ts), with the mappers' rules: known fields
// only, a field of the wrong type read as absent.
import { arr, bool, clean, nstr, num, obj, str, strs, type Json } from "./mappers-wire";
import type {
  AuthenticationMethodTarget,
  Fido2KeyRestrictions,
  Fido2Policy,
  PasskeyProfile,
  TapPolicy,
} from "./port-policies";

const toTarget = (t: Json): AuthenticationMethodTarget =>
  clean({
    id: str(t.id) ?? "",
    targetType: str(t.targetType),
    isRegistrationRequired: bool(t.isRegistrationRequired),
    allowedPasskeyProfiles: Array.isArray(t.allowedPasskeyProfiles)
      ? strs(t.allowedPasskeyProfiles)
      : undefined,
  });
const toExclude = (t: Json) => clean({ id: str(t.id) ?? "", targetType: str(t.targetType) });

export function toTapPolicy(raw: unknown): TapPolicy {
  const j = obj(raw);
  return {
    id: str(j.id) ?? "TemporaryAccessPass",
    state: str(j.state) ?? "disabled",
    defaultLifetimeInMinutes: num(j.defaultLifetimeInMinutes) ?? 60,
    minimumLifetimeInMinutes: num(j.minimumLifetimeInMinutes) ?? 60,
    maximumLifetimeInMinutes: num(j.maximumLifetimeInMinutes) ?? 480,
    defaultLength: num(j.defaultLength) ?? 8,
    isUsableOnce: bool(j.isUsableOnce) ?? false,
    includeTargets: arr(j.includeTargets).map(toTarget),
    excludeTargets: arr(j.excludeTargets).map(toExclude),
  };
}

function toKeyRestrictions(raw: unknown): Fido2KeyRestrictions | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const j = obj(raw);
  return {
    isEnforced: bool(j.isEnforced) ?? false,
    enforcementType: str(j.enforcementType) ?? "allow",
    aaGuids: strs(j.aaGuids).map((a) => a.toLowerCase()),
  };
}

export function toFido2Policy(raw: unknown): Fido2Policy {
  const j = obj(raw);
  return clean({
    id: str(j.id) ?? "Fido2",
    state: str(j.state) ?? "disabled",
    isSelfServiceRegistrationAllowed: bool(j.isSelfServiceRegistrationAllowed),
    isAttestationEnforced: bool(j.isAttestationEnforced),
    keyRestrictions: toKeyRestrictions(j.keyRestrictions),
    defaultPasskeyProfile: nstr(j.defaultPasskeyProfile),
    includeTargets: arr(j.includeTargets).map(toTarget),
    excludeTargets: arr(j.excludeTargets).map(toExclude),
    passkeyProfiles: arr(j.passkeyProfiles).map((p): PasskeyProfile =>
      clean({
        id: str(p.id) ?? "",
        name: str(p.name),
        passkeyTypes: str(p.passkeyTypes),
        attestationEnforcement: str(p.attestationEnforcement),
        keyRestrictions: toKeyRestrictions(p.keyRestrictions),
      }),
    ),
  });
}
