// Messages to users (docs/MESSAGES.md): the templates, their placeholders and the checks a template must
// pass. Plain constants and pure functions, so the page refuses the same templates the service does.

export const messageKinds = ["reminder", "shipped", "pickup"] as const;
export type MessageKind = (typeof messageKinds)[number];

export const messageKindLabels: Record<MessageKind, string> = {
  reminder: "Registration reminder",
  shipped: "Your key has shipped",
  pickup: "Your key is ready for pickup",
};

/**
 * Everything a message may say about its recipient. A message is rendered from this object only, so no
 * case, pass or PIN field can reach one: there is no placeholder for it and no value to put there.
 */
export interface MessageValues {
  displayName: string;
  waveName: string;
  deadline: string;
  siteName: string;
  carrierRef: string;
}

export const placeholders: Record<keyof MessageValues, string> = {
  displayName: "the person's name",
  waveName: "their rollout wave",
  deadline: "the wave's registration deadline",
  siteName: "their site",
  carrierRef: "the carrier's tracking reference (shipped notices)",
};

export const placeholderNames = Object.keys(placeholders) as (keyof MessageValues)[];

export const defaultTemplates: Record<MessageKind, { subject: string; body: string }> = {
  reminder: {
    subject: "Register your security key by {deadline}",
    body:
      "Hello {displayName},\n\nYou are part of the {waveName} rollout. Please register your security key " +
      "before {deadline}. The IT desk at {siteName} can help if anything is unclear.\n\nThank you.",
  },
  shipped: {
    subject: "Your security key has shipped",
    body:
      "Hello {displayName},\n\nYour security key is on its way. Tracking reference: {carrierRef}.\n\n" +
      "Once it arrives, register it as described on the intranet.",
  },
  pickup: {
    subject: "Your security key is ready for pickup",
    body: "Hello {displayName},\n\nYour security key is ready for pickup at the IT desk in {siteName}.",
  },
};

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;

// A pass or PIN must never travel by mail: any placeholder that looks like one is refused by name.
const secretWords = new Set(["tap", "taps", "pin", "pins", "pass", "passes", "otp", "secret", "token"]);
export function isSecretLike(placeholder: string): boolean {
  if (/temporaryaccess|accesspass|passcode|password|passkey/i.test(placeholder)) return true;
  const words = placeholder
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => secretWords.has(w));
}
const placeholderPattern = /\{([^{}]*)\}/g;

/** What is wrong with a template, as sentences a person can act on; empty when it may be saved. */
export function templateProblems(t: { subject: string; body: string }): string[] {
  const problems: string[] = [];
  if (!t.subject.trim()) problems.push("The subject is empty. Write a subject line.");
  if (!t.body.trim()) problems.push("The message is empty. Write the text people will receive.");
  if (t.subject.length > SUBJECT_MAX)
    problems.push(`The subject is longer than ${SUBJECT_MAX} characters. Shorten it.`);
  if (t.body.length > BODY_MAX)
    problems.push(`The message is longer than ${BODY_MAX} characters. Shorten it.`);
  const used = [...`${t.subject}\n${t.body}`.matchAll(placeholderPattern)].map((m) => m[1]!.trim());
  const secret = [...new Set(used.filter(isSecretLike))];
  if (secret.length)
    problems.push(
      `${secret.map((p) => `{${p}}`).join(", ")} would put a pass, PIN or code in an email. KeyFleet never sends those; remove ${secret.length > 1 ? "them" : "it"}.`,
    );
  const unknown = [
    ...new Set(used.filter((p) => !isSecretLike(p) && !(placeholderNames as string[]).includes(p))),
  ];
  if (unknown.length)
    problems.push(
      `KeyFleet does not know ${unknown.map((p) => `{${p}}`).join(", ")}. Use only ${placeholderNames.map((p) => `{${p}}`).join(", ")}.`,
    );
  return problems;
}

/** Fills the placeholders; a value that is not known is written as a dash, never left as a brace. */
export function renderTemplate(text: string, values: MessageValues): string {
  return text.replace(placeholderPattern, (whole, name: string) => {
    const key = name.trim() as keyof MessageValues;
    return placeholderNames.includes(key) ? values[key] || "—" : whole;
  });
}
