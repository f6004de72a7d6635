import type { RequestContext } from "@/server/auth/actor";
import { logger } from "@/server/lib/logger";
import { readMessageConfig, sendingProblem } from "./messages.config";
import type { MessagesDeps } from "./messages.deps";
import { makeSender, valuesFor } from "./send";

// "Your key has shipped" and "ready for pickup": sent after the handover change is committed, only when a
// mailbox is configured. A notice never undoes or blocks the change that caused it: every failure ends
// in the send log (or the server log when it happened before a send could be recorded), never in a throw.
// The daily cap counts and holds back reminders only; a notice answers one person's handover.

export type NoticeKind = "shipped" | "pickup";
export type NoticeOutcome = "sent" | "failed" | "duplicate" | "not_configured" | "opted_out" | "no_mail";

export function makeNotices(d: MessagesDeps) {
  const send = makeSender(d);
  return async function notify(
    ctx: RequestContext,
    kind: NoticeKind,
    assignmentId: string,
  ): Promise<NoticeOutcome> {
    try {
      const config = await readMessageConfig(d, d.uow.db);
      if (sendingProblem(d, config) || !config.mailbox) return "not_configured";
      const a = await d.repo.assignment(d.uow.db, assignmentId);
      const person = a ? await d.repo.person(d.uow.db, a.userId) : null;
      if (!a || !person) return "no_mail";
      if ((await d.repo.optedOut(d.uow.db, [person.id])).has(person.id)) return "opted_out";
      if (!person.mail || !person.accountEnabled || person.deletedAt) return "no_mail";
      const outcome = await send(ctx, kind, person, valuesFor(person, { carrierRef: a.carrierRef }), {
        ...config,
        mailbox: config.mailbox,
        dailyCap: Number.MAX_SAFE_INTEGER,
      });
      return outcome === "cap" ? "failed" : outcome;
    } catch (error) {
      logger.error("notice not sent", { kind, assignmentId, requestId: ctx.requestId, error });
      return "failed";
    }
  };
}

export type Notify = ReturnType<typeof makeNotices>;
