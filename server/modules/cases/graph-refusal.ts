import { AppError } from "@/server/errors";
import { graphPermissions, isGraphError, type GraphError } from "@/server/graph/errors";

// Graph's refusals in the helpdesk's words: the cause and the next step. Graph's own text is kept
// after ENTRA_SAID on the step's recorded error, so the case page can show it in a details element
// (docs/RECOVERY.md "Graph refusals"). Errors that are not from Graph pass through unchanged.

export const ENTRA_SAID = "\n\nEntra said: ";

export type GraphStepKind = "revoke_credential" | "revoke_sessions" | "issue_tap";

const doing: Record<GraphStepKind, string> = {
  revoke_credential: "deleting the credential",
  revoke_sessions: "revoking the sign-in sessions",
  issue_tap: "creating the Temporary Access Pass",
};

/** Entra's refusal of a pass for policy scope. Its HTTP status is undocumented (400 seen, 403 possible): matched by text. */
export const isTapScopeRefusal = (e: unknown) =>
  isGraphError(e) && /Converged UserCredentialPolicy does not allow/i.test(e.message);
const isGuestRefusal = (e: GraphError) => /cannot be added to an external guest user/i.test(e.message);

/**
 * `tapScopeReason`: the preflight's sentence naming the TAP policy's groups, when the caller could read it.
 */
export function inHelpdeskWords(
  e: unknown,
  step: GraphStepKind,
  who: string,
  tapScopeReason?: string,
): unknown {
  if (!isGraphError(e)) return e;
  const what = doing[step];
  let words: string;
  if (isTapScopeRefusal(e)) {
    words = `Entra refused the pass because ${who} is not covered by the Temporary Access Pass policy. ${tapScopeReason ?? `Add ${who} to one of the groups the TAP policy includes in Entra (Authentication methods › Temporary Access Pass), then re-check.`}`;
  } else if (isGuestRefusal(e)) {
    words = `${who} is an external guest, and Entra issues no Temporary Access Pass to external guests. Recover their access through their home organisation.`;
  } else {
    switch (e.kind) {
      case "throttled":
        words = `Entra is throttling KeyFleet right now${e.retryAfterSeconds ? ` (it asked to wait ${e.retryAfterSeconds} s)` : ""}, so ${what} did not happen. Try this step again in a minute.`;
        break;
      case "timeout":
        words = `Entra did not answer in time while ${what}; it may or may not have happened. Run the step again: KeyFleet checks Entra first and never does it twice.`;
        break;
      case "upstream":
        words = `Entra had a temporary failure while ${what}${e.status ? ` (HTTP ${e.status})` : ""}. Nothing was recorded as done; try the step again in a few minutes.`;
        break;
      case "budget_exhausted":
        words = `KeyFleet used up its Graph request allowance for this action while ${what}. Try the step again.`;
        break;
      case "permission": {
        const permission = (graphPermissions as Record<string, string>)[e.operation ?? ""];
        words = `KeyFleet is not allowed to do this in Entra${permission ? `: it needs the ${permission} application permission` : ""}. Ask an Entra administrator to grant it to the KeyFleet app registration, then try again.`;
        break;
      }
      case "unconfigured":
        return e; // already says what cannot be done and what to configure
      case "not_found":
        words = `Entra no longer has what this step acts on (the user or the method is gone). Refresh the user from Entra, then look at the case again.`;
        break;
      default:
        words = `Entra refused ${what}. Fix what it names (see details) in Entra or in the step's settings, then try again.`;
    }
  }
  return new AppError(e.code, words, { ...e.details, graphMessage: e.message }, { cause: e });
}

/** What the step keeps as its last error: the helpdesk's words, then Graph's own. */
export function recordedText(translated: unknown, original: unknown): Error {
  const words = translated instanceof Error ? translated.message : String(translated);
  const raw = isGraphError(original) && original !== translated ? `${ENTRA_SAID}${original.message}` : "";
  return new Error(`${words}${raw}`);
}
