import { describe, expect, it } from "vitest";
import { GraphError, permissionMessage } from "@/server/graph/errors";
import { ENTRA_SAID, inHelpdeskWords, recordedText } from "./graph-refusal";

const converged =
  "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].";
const scope =
  "Ana Silva is outside the TAP policy: it includes only TAP - rollout. Add Ana Silva to one of these groups in Entra, then re-check.";

describe("Graph refusals in the helpdesk's words", () => {
  it("turns the TAP scope refusal into the cause and the groups to add the user to, whether Graph answered 400 or 403", () => {
    const as400 = new GraphError({
      kind: "bad_request",
      status: 400,
      message: converged,
      operation: "createTemporaryAccessPass",
    });
    const as403 = new GraphError({
      kind: "permission",
      status: 403,
      message: permissionMessage("createTemporaryAccessPass", converged),
      operation: "createTemporaryAccessPass",
    });
    for (const e of [as400, as403]) {
      const out = inHelpdeskWords(e, "issue_tap", "Ana Silva", scope) as Error & {
        code: string;
        details: Record<string, unknown>;
      };
      expect(out.message).toBe(
        `Entra refused the pass because Ana Silva is not covered by the Temporary Access Pass policy. ${scope}`,
      );
      expect(out.message).not.toContain("Converged");
      expect(out.details.graphMessage).toContain(converged);
    }
  });

  it("keeps Graph's own text after the marker on what the step records", () => {
    const e = new GraphError({ kind: "bad_request", status: 400, message: converged });
    const recorded = recordedText(inHelpdeskWords(e, "issue_tap", "Ana Silva"), e).message;
    expect(recorded.split(ENTRA_SAID)).toEqual([
      expect.stringContaining("Add Ana Silva to one of the groups the TAP policy includes"),
      converged,
    ]);
  });

  it("says for throttling, timeouts, outages and missing permissions what happened and what to do next, keeping the error code", () => {
    const cases: [GraphError, RegExp, string][] = [
      [
        new GraphError({
          kind: "throttled",
          status: 429,
          retryAfterSeconds: 10,
          message: "Too many requests",
        }),
        /throttling KeyFleet.*wait 10 s.*did not happen\. Try this step again/,
        "TOO_MANY_REQUESTS",
      ],
      [
        new GraphError({
          kind: "timeout",
          message: "Graph did not answer deleteFido2Method within 30000 ms",
        }),
        /may or may not have happened\. Run the step again/,
        "UPSTREAM",
      ],
      [
        new GraphError({ kind: "upstream", status: 503, message: "Graph failed deleteFido2Method (503)" }),
        /temporary failure.*HTTP 503.*try the step again/,
        "UPSTREAM",
      ],
      [
        new GraphError({
          kind: "permission",
          status: 403,
          operation: "deleteFido2Method",
          message: permissionMessage("deleteFido2Method"),
        }),
        /needs the UserAuthMethod-Passkey\.ReadWrite\.All application permission\. Ask an Entra administrator/,
        "UPSTREAM",
      ],
    ];
    for (const [e, words, code] of cases) {
      const out = inHelpdeskWords(e, "revoke_credential", "Ana Silva") as Error & { code: string };
      expect(out.message).toMatch(words);
      expect(out.code).toBe(code);
    }
  });

  it("leaves errors that are not from Graph alone", () => {
    const plain = new Error("boom");
    expect(inHelpdeskWords(plain, "issue_tap", "x")).toBe(plain);
  });
});
