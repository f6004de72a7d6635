// The Graph port when no tenant is configured (server/env.ts: graphMode "unconfigured"). Services always
// get a port, never null: this one answers every call with the precondition error, in the words of what
// the call was for and naming what to configure, so no service carries its own "no tenant" guard.
import { GraphError } from "./errors";
import type { GraphPort } from "./port";

// Process-wide, like AppError's mark: the production build can hold two copies of this module.
const UNCONFIGURED = Symbol.for("keyfleet.UnconfiguredGraph");

export type PortCall = Exclude<keyof GraphPort, "counters" | "withBudget">;

/** What each call is for, as the person who asked for it would say it ("…, so KeyFleet cannot …"). */
const purpose: Record<PortCall, string> = {
  listUsers: "read the directory's users",
  getUser: "look the person up in Entra",
  usersDelta: "sync the directory",
  listGroups: "list the directory's groups",
  searchGroups: "search the directory's groups (pick people by department or site instead)",
  listGroupMembers: "read the group's members",
  getGroup: "read the group",
  getMemberGroupIds: "read which groups the person belongs to",
  listRegistrationDetails: "read the registration report",
  getRegistrationDetails: "read the person's registration state",
  getUsersRegisteredByMethod: "read the registration summary",
  getUsersRegisteredByFeature: "read the registration summary",
  listFido2Methods: "read the person's passkeys",
  getFido2Method: "check the passkey in Entra",
  deleteFido2Method: "delete the passkey in Entra",
  listFido2MethodsForUsers: "read people's passkeys",
  getFido2CreationOptions: "register a key for the person",
  createFido2Method: "register a key for the person",
  listAuthenticationMethods: "read the person's sign-in methods",
  createTemporaryAccessPass: "issue a Temporary Access Pass",
  listTemporaryAccessPasses: "read the person's Temporary Access Passes",
  deleteTemporaryAccessPass: "revoke the Temporary Access Pass",
  getTapPolicy: "check a Temporary Access Pass against the tenant's TAP policy",
  getFido2Policy: "read the tenant's FIDO2 policy",
  revokeSignInSessions: "sign the person out of Microsoft 365",
  listSignIns: "read the sign-in logs",
  listDirectoryAudits: "read the directory audit log",
  listConditionalAccessPolicies: "read the tenant's Conditional Access policies",
  listAuthenticationStrengths: "read the tenant's authentication strengths",
  updateFido2Policy: "change the tenant's FIDO2 key restrictions",
  sendMail: "send mail to people",
};

export function unconfiguredError(operation: PortCall): GraphError {
  return new GraphError({
    kind: "unconfigured",
    operation,
    message:
      `No Entra tenant is connected, so KeyFleet cannot ${purpose[operation]}. An administrator sets ` +
      "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) and " +
      "restarts KeyFleet (README → Connecting a real tenant).",
  });
}

const rejects = (operation: PortCall) => (): Promise<never> => Promise.reject(unconfiguredError(operation));

/** An async iterable whose first step fails, as a paged read of an unreachable tenant would. */
const failsToPage = (operation: PortCall) => (): AsyncIterable<never> => ({
  [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(unconfiguredError(operation)) }),
});

export function unconfiguredGraph(): GraphPort {
  const port: GraphPort & { [UNCONFIGURED]: true } = {
    [UNCONFIGURED]: true,
    listUsers: failsToPage("listUsers"),
    getUser: rejects("getUser"),
    usersDelta: failsToPage("usersDelta"),
    listGroups: failsToPage("listGroups"),
    searchGroups: rejects("searchGroups"),
    listGroupMembers: failsToPage("listGroupMembers"),
    getGroup: rejects("getGroup"),
    getMemberGroupIds: rejects("getMemberGroupIds"),
    listRegistrationDetails: failsToPage("listRegistrationDetails"),
    getRegistrationDetails: rejects("getRegistrationDetails"),
    getUsersRegisteredByMethod: rejects("getUsersRegisteredByMethod"),
    getUsersRegisteredByFeature: rejects("getUsersRegisteredByFeature"),
    listFido2Methods: rejects("listFido2Methods"),
    getFido2Method: rejects("getFido2Method"),
    deleteFido2Method: rejects("deleteFido2Method"),
    listFido2MethodsForUsers: rejects("listFido2MethodsForUsers"),
    getFido2CreationOptions: rejects("getFido2CreationOptions"),
    createFido2Method: rejects("createFido2Method"),
    listAuthenticationMethods: rejects("listAuthenticationMethods"),
    createTemporaryAccessPass: rejects("createTemporaryAccessPass"),
    listTemporaryAccessPasses: rejects("listTemporaryAccessPasses"),
    deleteTemporaryAccessPass: rejects("deleteTemporaryAccessPass"),
    getTapPolicy: rejects("getTapPolicy"),
    getFido2Policy: rejects("getFido2Policy"),
    revokeSignInSessions: rejects("revokeSignInSessions"),
    listSignIns: failsToPage("listSignIns"),
    listDirectoryAudits: failsToPage("listDirectoryAudits"),
    listConditionalAccessPolicies: rejects("listConditionalAccessPolicies"),
    listAuthenticationStrengths: rejects("listAuthenticationStrengths"),
    updateFido2Policy: rejects("updateFido2Policy"),
    sendMail: rejects("sendMail"),
    counters: () => ({ requests: 0, throttled: 0, retries: 0, budgetRemaining: null }),
    withBudget: () => port,
  };
  return port;
}

/**
 * False only for the unconfigured port. For the few places that do something else without a tenant
 * (save a wave with its members pending, show the stored TAP read); everything else just calls the port.
 */
export const isGraphConfigured = (graph: GraphPort): boolean =>
  (graph as { [UNCONFIGURED]?: unknown })[UNCONFIGURED] !== true;

/**
 * For a feature that writes before its first Graph call (a sync run's record, a case step's claim, an
 * enrollment marked as posting): refuses up front, in the port's own words, so nothing is half-written.
 * Everywhere else the port's calls refuse by themselves.
 */
export function assertGraphConfigured(graph: GraphPort, operation: PortCall): void {
  if (!isGraphConfigured(graph)) throw unconfiguredError(operation);
}
