// The levers' Graph calls on the same transport as adapter.ts (docs/SECURITY-LEAD.md).
import { toAuthenticationStrength, toConditionalAccessPolicy } from "./mappers-levers";
import type { LeversPort } from "./port-levers";
import type { RequestSpec } from "./transport";

type Json = Record<string, unknown>;

export function makeLeversPort(
  send: (spec: RequestSpec) => Promise<{ body?: unknown }>,
  pages: <T>(operation: string, firstUrl: string, mapItem: (raw: unknown) => T) => AsyncIterable<T[]>,
): LeversPort {
  const all = async <T>(it: AsyncIterable<T[]>): Promise<T[]> => {
    const out: T[] = [];
    for await (const page of it) out.push(...page);
    return out;
  };
  return {
    listConditionalAccessPolicies: () =>
      all(
        pages(
          "listConditionalAccessPolicies",
          "/identity/conditionalAccess/policies",
          toConditionalAccessPolicy,
        ),
      ),

    listAuthenticationStrengths: () =>
      all(
        pages(
          "listAuthenticationStrengths",
          "/identity/conditionalAccess/authenticationStrength/policies",
          toAuthenticationStrength,
        ),
      ),

    async updateFido2Policy(patch) {
      const body: Json = { "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration" };
      if (patch.keyRestrictions) body.keyRestrictions = patch.keyRestrictions;
      if (patch.passkeyProfiles) body.passkeyProfiles = patch.passkeyProfiles;
      await send({
        operation: "updateFido2Policy",
        method: "PATCH",
        url: "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
        body,
        // Setting the same values twice leaves the same policy.
        idempotent: true,
      });
    },

    async sendMail(mailbox, message) {
      await send({
        operation: "sendMail",
        method: "POST",
        url: `/users/${encodeURIComponent(mailbox)}/sendMail`,
        body: {
          message: {
            subject: message.subject,
            body: { contentType: "Text", content: message.body },
            toRecipients: message.to.map((r) => ({
              emailAddress: { address: r.address, ...(r.name ? { name: r.name } : {}) },
            })),
          },
          saveToSentItems: false,
        },
        // Never re-sent after an ambiguous failure: a person would get the mail twice.
        idempotent: false,
      });
    },
  };
}
