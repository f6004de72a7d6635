import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { startOfDay } from "@/server/lib/time";
import {
  defaultTemplates,
  messageKindLabels,
  messageKinds,
  renderTemplate,
  templateProblems,
  type MessageKind,
} from "./messages.constants";
import { MESSAGE_CONFIG_KEY, readMessageConfig, sendingProblem } from "./messages.config";
import type { MessagesDeps } from "./messages.deps";
import { messageConfigSchema, type MessageConfig } from "./messages.schemas";
import { makeNotices } from "./notices";
import { makeReminders } from "./reminders";
import { templateOf, valuesFor } from "./send";

// Messages to users (docs/MESSAGES.md): templates the security lead edits, a preview per recipient, the
// opt-out list, the send log, the reminder run and the handover notices. Every change is audited.

const labelOf = (kind: string) => messageKindLabels[kind as MessageKind] ?? kind;

function refuseProblems(t: { subject: string; body: string }) {
  const problems = templateProblems(t);
  if (problems.length) throw new AppError("BAD_REQUEST", problems.join(" "));
}

export function makeMessagesService(d: MessagesDeps) {
  const { uow, repo, audit } = d;
  const names = async (ids: string[]) =>
    new Map((await repo.people(uow.db, [...new Set(ids)])).map((p) => [p.id, p]));

  return {
    reminders: makeReminders(d),
    notify: makeNotices(d),
    /** The sending configuration as stored (the setup page checks Mail.Send for its mailbox). */
    config: () => readMessageConfig(d, uow.db),

    async overview() {
      const config = await readMessageConfig(d, uow.db);
      const stored = new Map((await repo.templates(uow.db)).map((t) => [t.kind, t]));
      return {
        config,
        problem: sendingProblem(d, config),
        sentToday: await repo.countOn(uow.db, startOfDay(d.clock())),
        templates: messageKinds.map((kind) => {
          const t = stored.get(kind);
          return {
            kind,
            label: messageKindLabels[kind],
            subject: t?.subject ?? defaultTemplates[kind].subject,
            body: t?.body ?? defaultTemplates[kind].body,
            isDefault: !t,
            updatedAt: t?.updatedAt ?? null,
          };
        }),
      };
    },

    saveTemplate: (ctx: RequestContext, input: { kind: MessageKind; subject: string; body: string }) =>
      uow.run(async (tx) => {
        refuseProblems(input);
        const before = (await repo.template(tx, input.kind)) ?? defaultTemplates[input.kind];
        await repo.putTemplate(tx, input.kind, { subject: input.subject, body: input.body }, ctx.actor.id);
        await audit.record(tx, ctx, {
          action: "messages.template",
          subjectType: "MessageTemplate",
          subjectId: input.kind,
          before,
          after: { subject: input.subject, body: input.body },
        });
        return { kind: input.kind };
      }),

    setConfig: (ctx: RequestContext, input: MessageConfig) =>
      uow.run(async (tx) => {
        const before = await readMessageConfig(d, tx);
        const next = messageConfigSchema.parse(input);
        await d.settings.put(tx, MESSAGE_CONFIG_KEY, next, ctx.actor.id);
        await audit.record(tx, ctx, {
          action: "settings.messages",
          subjectType: "Setting",
          subjectId: MESSAGE_CONFIG_KEY,
          before,
          after: next,
        });
        return next;
      }),

    /** The message as this person would receive it, and whether they would. Reads only. */
    async preview(input: { kind: MessageKind; userId: string; draft?: { subject: string; body: string } }) {
      if (input.draft) refuseProblems(input.draft);
      const person = await repo.person(uow.db, input.userId);
      if (!person)
        throw new AppError("NOT_FOUND", "That person is not in the directory mirror. Pick someone else.");
      const t = input.draft ?? (await templateOf(d, input.kind));
      const [wave] = await repo.wavesOf(uow.db, person.id);
      const values = valuesFor(person, {
        wave,
        carrierRef: input.kind === "shipped" ? "(the shipment's tracking reference)" : null,
      });
      const today = startOfDay(d.clock());
      const reason = (await repo.optedOut(uow.db, [person.id])).has(person.id)
        ? `${person.displayName} opted out of messages: KeyFleet will not send this to them.`
        : !person.accountEnabled || person.deletedAt
          ? `${person.displayName} cannot sign in (disabled or deleted in Entra): KeyFleet will not send this to them.`
          : !person.mail
            ? `${person.displayName} has no mail address in Entra, so this cannot be sent to them.`
            : (await repo.sentOn(uow.db, input.kind, today)).has(person.id)
              ? `${person.displayName} already got this message today; the next one can go tomorrow.`
              : null;
      return {
        to: person.mail,
        subject: renderTemplate(t.subject, values),
        body: renderTemplate(t.body, values),
        willSend: reason === null,
        reason,
      };
    },

    async optOuts() {
      const rows = await repo.optOuts(uow.db);
      const people = await names(rows.map((r) => r.userId));
      return rows.map((r) => ({
        id: r.userId,
        displayName: people.get(r.userId)?.displayName ?? r.userId,
        userPrincipalName: people.get(r.userId)?.userPrincipalName ?? "",
        reason: r.reason,
        addedAt: r.addedAt,
      }));
    },

    addOptOut: (ctx: RequestContext, input: { person: string; reason?: string }) =>
      uow.run(async (tx) => {
        const person = await repo.personByName(tx, input.person);
        if (!person)
          throw new AppError(
            "NOT_FOUND",
            `Nobody with the sign-in name or mail address ${input.person} is in the directory mirror. Check the spelling.`,
          );
        await repo.addOptOut(tx, person.id, input.reason || null, ctx.actor.id);
        await audit.record(tx, ctx, {
          action: "messages.opt_out",
          subjectType: "DirectoryUser",
          subjectId: person.id,
          after: { optedOut: true, reason: input.reason || null },
        });
        return { userId: person.id };
      }),

    removeOptOut: (ctx: RequestContext, input: { userId: string }) =>
      uow.run(async (tx) => {
        if ((await repo.removeOptOut(tx, input.userId)).count === 0)
          throw new AppError("NOT_FOUND", "That person is not on the opt-out list. Reload the page.");
        await audit.record(tx, ctx, {
          action: "messages.opt_in",
          subjectType: "DirectoryUser",
          subjectId: input.userId,
          before: { optedOut: true },
          after: { optedOut: false },
        });
        return { userId: input.userId };
      }),

    /** Who got which message when, and the result; never the body. */
    async log(input: { take: number }) {
      const rows = await repo.log(uow.db, input.take);
      const people = await names(rows.map((r) => r.userId));
      return rows.map((r) => ({
        id: r.id,
        kind: r.template,
        label: labelOf(r.template),
        at: r.at,
        result: r.result,
        error: r.error,
        recipient: people.get(r.userId)?.displayName ?? r.userId,
        by: r.actorId === "system" ? "KeyFleet (daily run)" : r.actorName,
      }));
    },
  };
}

export type MessagesService = ReturnType<typeof makeMessagesService>;
