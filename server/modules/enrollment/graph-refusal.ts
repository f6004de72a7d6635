import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";

// Graph's answers to POST fido2Methods, turned into sentences an agent can act on. Microsoft does not
// document the exact codes of these refusals (all are 400 badRequest), so they are told apart by what the
// message is about; anything else gets a general sentence. Graph's own text goes to the log, never the page.

export type RefusalKind =
  "challenge_expired" | "aaguid_blocked" | "attestation_required" | "self_service_off" | "wrong_rp" | "other";

const rules: [RegExp, RefusalKind, string][] = [
  [
    /challenge/i,
    "challenge_expired",
    "The key answered after the 5 minutes Entra gives each registration. Press Try again for fresh options and touch the key again.",
  ],
  [
    /restriction|aaguid/i,
    "aaguid_blocked",
    "Entra refused this key: its model is not allowed by the key restrictions in the passkey (FIDO2) policy. Use a key of an allowed model, or ask an administrator to allow this one.",
  ],
  [
    /attestation/i,
    "attestation_required",
    "Entra requires attestation and the browser sent none. Try again and allow the browser to share the key's make and model when it asks.",
  ],
  [
    /self-service/i,
    "self_service_off",
    "Entra refused because self-service setup is off in the passkey (FIDO2) policy; it is required to register keys for someone. Ask an administrator to turn it on, then try again.",
  ],
  [
    /relying party/i,
    "wrong_rp",
    "Entra refused the key because the browser created it for a different site than Entra's. See docs/ENROLLMENT.md: a plain browser on the portal's address cannot register keys for Entra.",
  ],
];

export function classifyRefusal(message: string): { kind: RefusalKind; message: string } {
  const hit = rules.find(([re]) => re.test(message));
  return hit
    ? { kind: hit[1], message: hit[2] }
    : {
        kind: "other",
        message:
          "Entra refused to register the key. Check the passkey (FIDO2) policy for this person, then try again; the log has Entra's answer under the request id.",
      };
}

/** A 400 from Graph as an AppError with a plain message; anything else (403, 5xx, timeouts) passes through. */
export function plainRefusal(e: unknown): AppError | null {
  if (!isGraphError(e) || e.kind !== "bad_request") return null;
  const r = classifyRefusal(e.message);
  return new AppError(
    "PRECONDITION_FAILED",
    r.message,
    { refusal: r.kind, graphRequestId: e.requestId ?? null },
    { cause: e },
  );
}
