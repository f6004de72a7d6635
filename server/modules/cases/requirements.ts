import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";

// What identity verification a user's case needs under the policy: privileged users need a stronger
// method and a second agent's approval (four eyes) before any revocation or TAP. The rule is one piece
// of evidence at least as strong as the required level: checks do not add up, so a method below the
// level is never offered as a way to meet it (issue 13: "not enough alone" read as "combine").

type Method = RecoveryPolicy["methods"][number]["method"];

const methodNames: Record<Method, string> = {
  callback: "a callback to the number on record",
  manager_confirmation: "confirmation by their manager",
  video_id: "a video call with ID",
  in_person: "in person at a desk",
};
export const methodName = (m: Method) => methodNames[m];

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const orList = (ms: readonly { method: Method }[]) => ms.map((m) => methodName(m.method)).join(", or ");

export function requirementsFor(policy: RecoveryPolicy, isPrivileged: boolean) {
  const requiredStrength = isPrivileged ? policy.privilegedRequiredStrength : policy.requiredStrength;
  const methods = policy.methods
    .filter((m) => m.isAllowed)
    .map((m) => ({ method: m.method, strength: m.strength, isSufficient: m.strength >= requiredStrength }));
  const enough = methods.filter((m) => m.isSufficient);
  const tooWeak = methods.filter((m) => !m.isSufficient);
  const level = `one identity check of strength ${requiredStrength} or more on the policy's scale of 1 (weakest) to 5 (strongest)`;
  const why = isPrivileged
    ? `Privileged user: KeyFleet needs ${level}, higher than the ${policy.requiredStrength} everyone else needs, because a recovered privileged account can change the organisation's settings.`
    : `KeyFleet needs ${level}, the level the recovery policy sets for everyone who is not privileged.`;
  const how = enough.length
    ? ` Accepted: ${orList(enough)}.`
    : " No method the policy allows is that strong: an admin must allow one or raise its strength in Settings → Recovery policy before this identity can be verified.";
  const notHow = tooWeak.length
    ? ` ${sentenceCase(orList(tooWeak))} ${tooWeak.length > 1 ? "are" : "is"} not enough for this user, even together: checks do not add up.`
    : "";
  return {
    requiredStrength,
    methods,
    needsApproval: isPrivileged,
    /** The rule for this user, and why, in words (the wizard and the case page show it as is). */
    summary: why + how + notHow,
  };
}

export type Requirements = ReturnType<typeof requirementsFor>;

/** The refusal when the recorded evidence is below the level: what was wrong, what to do instead. */
export function tooWeakMessage(
  req: Requirements,
  method: Method,
  displayName: string,
  isPrivileged: boolean,
) {
  const strength = req.methods.find((m) => m.method === method)?.strength;
  const enough = req.methods.filter((m) => m.isSufficient);
  return (
    `${sentenceCase(methodName(method))} (strength ${strength}) is not enough to verify ${displayName}: ` +
    `${isPrivileged ? "as a privileged user they need" : "the recovery policy needs"} one check of strength ${req.requiredStrength} or more, and checks do not add up. ` +
    (enough.length
      ? `Verify them by ${orList(enough)} and record that instead.`
      : "No allowed method is that strong: ask an admin to change the recovery policy in Settings.")
  );
}
