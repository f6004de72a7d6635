import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import type { CheckResult } from "./check-result";

// Mail.Send, restricted to the sending mailbox (README → Messages to users). Nothing here can send a mail:
// each probe is a sendMail with no recipient, which Exchange answers 400 ErrorInvalidRecipients once the
// app is allowed to send as that mailbox, 403 when it is not (no Mail.Send, or the mailbox outside the
// app's Exchange scope), and 404 when there is no such mailbox. Two probes: the sending mailbox must be
// allowed; another person's mailbox must be refused, or the permission is tenant-wide.
// Exchange's own check is `Test-ServicePrincipalAuthorization` (README), which KeyFleet cannot run.

type Probe = "allowed" | "refused" | "no_mailbox" | "unknown";

async function probe(graph: GraphPort, mailbox: string): Promise<Probe> {
  try {
    await graph.sendMail(mailbox, { subject: "KeyFleet permission check", body: "", to: [] });
    return "allowed"; // accepted with no recipient: nothing to deliver, and the app may send as it
  } catch (e) {
    if (!isGraphError(e)) return "unknown";
    if (e.status === 400 && /InvalidRecipients/i.test(e.graphCode ?? "")) return "allowed";
    if (e.status === 403) return "refused";
    if (e.status === 404) return "no_mailbox";
    return "unknown";
  }
}

const sendAs = {
  id: "mail-send",
  feature: "Messages to users: send as the sending mailbox",
  permission: "Mail.Send",
  alternatives: [],
  call: "POST /users/{sending mailbox}/sendMail with no recipient (nothing can be sent)",
};
const scope = {
  id: "mail-send-scope",
  feature: "Messages to users: Mail.Send limited to the sending mailbox",
  permission: "Mail.Send limited to the sending mailbox",
  alternatives: [],
  call: "POST /users/{another person}/sendMail with no recipient (nothing can be sent)",
};
const unknown =
  "Graph did not answer this check. Check again in a moment; if it keeps failing, the server log has the cause.";

/** The two Mail.Send rows of the setup page; `mailbox` is the one set on Rollout → Messages (null: none yet). */
export async function mailSendChecks(graph: GraphPort, mailbox: string | null): Promise<CheckResult[]> {
  if (!mailbox) {
    const detail =
      "No sending mailbox is set, so there is nothing to check. Enter it on Rollout → Messages, then check again.";
    return [
      { ...sendAs, status: "skipped", detail },
      { ...scope, status: "skipped", detail },
    ];
  }
  const own = await probe(graph, mailbox);
  const first: CheckResult =
    own === "allowed"
      ? {
          ...sendAs,
          status: "granted",
          detail: `Granted: KeyFleet may send as ${mailbox} (the check had no recipient, so nothing was sent).`,
        }
      : own === "refused"
        ? {
            ...sendAs,
            status: "missing",
            detail: `Missing: KeyFleet may not send as ${mailbox}. Give it Mail.Send with an Exchange scope holding this mailbox (README → Messages to users), then check again.`,
          }
        : own === "no_mailbox"
          ? {
              ...sendAs,
              status: "failed",
              detail: `The mailbox ${mailbox} does not exist in the tenant. Check the sending mailbox on Rollout → Messages.`,
            }
          : { ...sendAs, status: "failed", detail: unknown };
  if (own !== "allowed")
    return [
      first,
      {
        ...scope,
        status: "skipped",
        detail: "Checked once KeyFleet may send as the sending mailbox.",
      },
    ];
  return [first, await scopeCheck(graph, mailbox)];
}

async function scopeCheck(graph: GraphPort, mailbox: string): Promise<CheckResult> {
  const other = await anotherPerson(graph, mailbox);
  if (!other)
    return {
      ...scope,
      status: "skipped",
      detail: "No other person with a mailbox to ask about; grant User.Read.All, then check again.",
    };
  const answer = await probe(graph, other);
  if (answer === "refused")
    return {
      ...scope,
      status: "granted",
      detail: "Limited: Exchange refused to let KeyFleet send as another person's mailbox, as it should.",
    };
  if (answer === "allowed")
    return {
      ...scope,
      status: "too_broad",
      detail: `Not limited: KeyFleet may send as any mailbox, not only ${mailbox}. Limit Mail.Send to the sending mailbox with RBAC for Applications and remove the tenant-wide consent (README → Messages to users).`,
    };
  return { ...scope, status: "failed", detail: unknown };
}

/** A person other than the sending mailbox, with a mail address, from the first page of users. */
async function anotherPerson(graph: GraphPort, mailbox: string): Promise<string | null> {
  const self = mailbox.toLowerCase();
  try {
    for await (const page of graph.listUsers({ top: 10, select: ["id", "userPrincipalName", "mail"] })) {
      const u = page.find(
        (x) => x.mail && x.mail.toLowerCase() !== self && x.userPrincipalName?.toLowerCase() !== self,
      );
      return u?.userPrincipalName ?? null;
    }
  } catch {
    return null;
  }
  return null;
}
