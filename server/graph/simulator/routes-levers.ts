// Conditional Access policies and authentication strengths (read), and sendMail into an outbox the tests
// read: the simulated tenant's side of docs/SECURITY-LEAD.md.
import { leversState } from "./conditional-access";
import type { Route } from "./context";
import { contextUrl, graphError, type Json } from "./odata";
import { findUser } from "./routes-directory";
import { tenantNow } from "./tenant";

const caRead = ["Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"];
const strengthRead = [
  "Policy.Read.All",
  "Policy.Read.AuthenticationMethod",
  "Policy.ReadWrite.AuthenticationMethod",
  "Policy.ReadWrite.ConditionalAccess",
];

export const leverRoutes: Route[] = [
  {
    name: "listConditionalAccessPolicies",
    method: "GET",
    pattern: /^\/identity\/conditionalAccess\/policies$/i,
    permissions: caRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) => ({
      status: 200,
      body: {
        "@odata.context": contextUrl(req, "identity/conditionalAccess/policies"),
        value: leversState(ctx.tenant).policies.map((p) => structuredClone(p)),
      },
    }),
  },
  {
    name: "listAuthenticationStrengths",
    method: "GET",
    pattern: /^\/identity\/conditionalAccess\/authenticationStrength\/policies$/i,
    permissions: strengthRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) => ({
      status: 200,
      body: {
        "@odata.context": contextUrl(req, "identity/conditionalAccess/authenticationStrength/policies"),
        value: leversState(ctx.tenant).strengths.map((s) => structuredClone(s)),
      },
    }),
  },
  {
    name: "sendMail",
    method: "POST",
    pattern: /^\/users\/([^/]+)\/sendMail$/i,
    permissions: ["Mail.Send"],
    bucket: "none",
    cost: 1,
    handle: (ctx, req, [mailbox]) => {
      const sender = findUser(ctx.tenant, mailbox ?? "");
      if (!sender) return graphError(404, "ErrorInvalidUser", `The requested user '${mailbox}' is invalid.`);
      // Outside the app's Exchange scope (RBAC for Applications): refused before the message is read.
      const scope = leversState(ctx.tenant).mailSendScope;
      if (
        scope &&
        !scope.includes(sender.id.toLowerCase()) &&
        !scope.includes(sender.userPrincipalName.toLowerCase())
      )
        return graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      const message = ((req.body ?? {}) as Json).message as Json | undefined;
      const to = Array.isArray(message?.toRecipients)
        ? (message.toRecipients as Json[])
            .map((r) => ((r.emailAddress ?? {}) as Json).address)
            .filter((a): a is string => typeof a === "string" && a.includes("@"))
        : [];
      const body = (message?.body ?? {}) as Json;
      if (!message || to.length === 0 || typeof message.subject !== "string")
        return graphError(400, "ErrorInvalidRecipients", "At least one recipient is not valid.");
      leversState(ctx.tenant).outbox.push({
        at: new Date(tenantNow(ctx.tenant)).toISOString(),
        from: decodeURIComponent(mailbox ?? ""),
        to,
        subject: message.subject,
        body: typeof body.content === "string" ? body.content : "",
      });
      return { status: 202 };
    },
  },
];
