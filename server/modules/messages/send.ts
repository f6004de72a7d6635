import type { RequestContext } from "@/server/auth/actor";
import { isGraphError } from "@/server/graph/errors";
import { logger } from "@/server/lib/logger";
import { startOfDay } from "@/server/lib/time";
import { defaultTemplates, renderTemplate, type MessageKind, type MessageValues } from "./messages.constants";
import type { MessagesDeps } from "./messages.deps";
import type { MessageConfig } from "./messages.schemas";
import type { MessagePerson } from "./messages.repository";

// One message to one person: claim the send in the database (once per person, template and day, under the
// daily cap), then call Graph, then record the result. A claim whose answer never came stays "pending" and
// is never re-sent: a second copy is worse than none.

export type SendOutcome = "sent" | "failed" | "duplicate" | "cap";

const deadlineFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
export const formatDeadline = (d: Date | null | undefined) => (d ? deadlineFormat.format(d) : "");

/** {siteName} for a person with no site. */
export const NO_SITE = "your site";

/** The only values a message is made of: nothing from a case, a pass or a PIN can reach it. */
export function valuesFor(
  p: Pick<MessagePerson, "displayName" | "site">,
  extra: { wave?: { name: string; registrationDeadline: Date } | null; carrierRef?: string | null },
): MessageValues {
  return {
    displayName: p.displayName,
    // Many people in a real directory have no office KeyFleet knows: the sentence still reads.
    siteName: p.site?.name ?? NO_SITE,
    waveName: extra.wave?.name ?? "",
    deadline: formatDeadline(extra.wave?.registrationDeadline),
    carrierRef: extra.carrierRef ?? "",
  };
}

export async function templateOf(d: Pick<MessagesDeps, "uow" | "repo">, kind: MessageKind) {
  return (await d.repo.template(d.uow.db, kind)) ?? defaultTemplates[kind];
}

/** Graph's refusal in a person's words; never Graph's own text. */
function sendError(e: unknown, mailbox: string): string {
  if (isGraphError(e)) {
    if (e.kind === "unconfigured") return e.message;
    if (e.kind === "permission")
      return `KeyFleet may not send as ${mailbox}: grant Mail.Send and include the mailbox in its Exchange scope (README → Messages to users).`;
    if (e.kind === "not_found")
      return `The mailbox ${mailbox} does not exist in the tenant. Check the sending mailbox.`;
  }
  return "Entra did not accept the message. It is not sent again automatically.";
}

export function makeSender(d: MessagesDeps) {
  return async function send(
    ctx: RequestContext,
    kind: MessageKind,
    person: Pick<MessagePerson, "id" | "displayName" | "mail">,
    values: MessageValues,
    config: MessageConfig & { mailbox: string },
  ): Promise<SendOutcome> {
    const now = d.clock();
    const day = startOfDay(now);
    const claim = await d.uow.run((tx) =>
      d.repo.claim(
        tx,
        { template: kind, userId: person.id, day, at: now, actorId: ctx.actor.id, actorName: ctx.actor.name },
        config.dailyCap,
      ),
    );
    if (claim === "cap" || claim === "duplicate") return claim;
    const t = await templateOf(d, kind);
    try {
      await d.graph.sendMail(config.mailbox, {
        subject: renderTemplate(t.subject, values),
        body: renderTemplate(t.body, values),
        to: [{ address: person.mail!, name: person.displayName }],
      });
      await d.repo.finish(d.uow.db, claim, "sent", null);
      return "sent";
    } catch (e) {
      logger.warn("message not sent", { kind, userId: person.id, requestId: ctx.requestId, error: e });
      await d.repo.finish(d.uow.db, claim, "failed", sendError(e, config.mailbox));
      return "failed";
    }
  };
}
