import type { Fido2KeyRestrictions, Fido2Policy, PasskeyProfile } from "@/server/graph/port";

// What Entra would refuse, checked before the key is touched or anything is written, in the words an agent
// can act on. The rules and where they come from: docs/ENROLLMENT.md, "Before trying".

export interface PreflightInput {
  policy: Fido2Policy;
  user: { id: string; displayName: string; groupIds: readonly string[] };
  model: { name: string; aaguids: readonly string[] };
}

export interface Preflight {
  /** Each one stops the enrollment: Graph would refuse it. */
  refusals: string[];
  /** Facts the agent should know but that do not stop it. */
  notes: string[];
  attestationRequired: boolean;
}

const POLICY = "Entra admin center → Authentication methods → Passkey (FIDO2)";

/** The profile that applies to the user: the one their include target names, else the tenant's default. */
export function profileFor(policy: Fido2Policy, user: PreflightInput["user"]): PasskeyProfile | undefined {
  const target =
    policy.includeTargets.find((t) => t.id === user.id || user.groupIds.includes(t.id)) ??
    policy.includeTargets.find((t) => t.id === "all_users");
  const id = target?.allowedPasskeyProfiles?.[0] ?? policy.defaultPasskeyProfile ?? undefined;
  return policy.passkeyProfiles.find((p) => p.id === id);
}

function restrictionRefusal(
  r: Fido2KeyRestrictions | undefined,
  where: string,
  model: PreflightInput["model"],
): string | null {
  if (!r?.isEnforced) return null;
  const listed = r.aaGuids.map((a) => a.toLowerCase());
  if (!model.aaguids.length)
    return `KeyFleet does not know the AAGUID of ${model.name}, so it cannot tell whether ${where} allow it. Add the model's AAGUID under Procurement → Models, then try again.`;
  const allowed = model.aaguids.filter((a) =>
    r.enforcementType === "block" ? !listed.includes(a) : listed.includes(a),
  );
  if (allowed.length) return null;
  return `${model.name} is not allowed by ${where} (${r.enforcementType === "block" ? "its AAGUID is blocked" : "its AAGUID is not on the allow list"}), so Entra would refuse it. Use a key of an allowed model, or ask an administrator to allow this model (${POLICY} → Configure).`;
}

export function preflight({ policy, user, model }: PreflightInput): Preflight {
  const refusals: string[] = [];
  const notes: string[] = [];
  if (policy.state !== "enabled") {
    refusals.push(
      `The passkey (FIDO2) method is turned off for the organisation, so Entra refuses every key. An administrator enables it in ${POLICY}.`,
    );
  }
  const included = policy.includeTargets.some(
    (t) => t.id === "all_users" || t.id === user.id || user.groupIds.includes(t.id),
  );
  const excluded = policy.excludeTargets.some((t) => t.id === user.id || user.groupIds.includes(t.id));
  if (excluded)
    refusals.push(
      `${user.displayName} is excluded from the passkey (FIDO2) method, so Entra would refuse the key. An administrator removes the exclusion in ${POLICY}.`,
    );
  else if (!included)
    notes.push(
      `The passkey (FIDO2) method targets groups KeyFleet does not mirror; if ${user.displayName} is in none of them Entra will refuse the key.`,
    );
  if (!policy.isSelfServiceRegistrationAllowed) {
    refusals.push(
      `Self-service setup is off in the passkey (FIDO2) policy, and Entra requires it to register keys on someone's behalf. An administrator turns on "Allow self-service set up" in ${POLICY}.`,
    );
  }
  const profile = profileFor(policy, user);
  const legacy = restrictionRefusal(policy.keyRestrictions, "the tenant's key restrictions", model);
  if (legacy) refusals.push(legacy);
  const byProfile = restrictionRefusal(
    profile?.keyRestrictions,
    `the passkey profile "${profile?.name ?? profile?.id}"`,
    model,
  );
  if (byProfile && byProfile !== legacy) refusals.push(byProfile);
  if (
    profile?.passkeyTypes &&
    !profile.passkeyTypes
      .split(",")
      .map((s) => s.trim())
      .includes("deviceBound")
  ) {
    refusals.push(
      `The passkey profile "${profile.name ?? profile.id}" allows no device-bound passkeys, which is what a security key holds. An administrator adds them to the profile in ${POLICY}.`,
    );
  }
  const attestationRequired =
    Boolean(policy.isAttestationEnforced) ||
    Boolean(profile?.attestationEnforcement && profile.attestationEnforcement !== "disabled");
  if (attestationRequired)
    notes.push(
      "Entra requires attestation: when the browser asks whether to share the key's make and model, allow it, or Entra will refuse the key.",
    );
  return { refusals, notes, attestationRequired };
}
