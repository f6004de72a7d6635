import { systemActor, type RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { DAY, isoDay, startOfDay } from "@/server/lib/time";
import { readMessageConfig, sendingProblem } from "./messages.config";
import type { MessagesDeps } from "./messages.deps";
import { makeSender, valuesFor } from "./send";

// The registration reminder run: every member of a wave whose deadline has passed or falls within the
// configured days, who can sign in and holds no live FIDO2 credential, gets one reminder a day — unless
// they opted out, have no mail address, or the daily cap is reached.

export function makeReminders(d: MessagesDeps) {
  const send = makeSender(d);

  async function audience() {
    const db = d.uow.db;
    const config = await readMessageConfig(d, db);
    const now = d.clock();
    const today = startOfDay(now);
    const members = await d.repo.unregisteredMembers(
      db,
      new Date(today.getTime() + config.reminderDaysBefore * DAY),
    );
    // One reminder per person: the wave with the earliest deadline names it.
    const byPerson = new Map<string, (typeof members)[number]>();
    for (const m of members) if (!byPerson.has(m.id)) byPerson.set(m.id, m);
    const people = [...byPerson.values()];
    const [optedOut, already, sentToday] = await Promise.all([
      d.repo.optedOut(
        db,
        people.map((p) => p.id),
      ),
      d.repo.sentOn(db, "reminder", today),
      d.repo.countOn(db, today, "reminder"),
    ]);
    const withMail = people.filter((p) => !optedOut.has(p.id) && p.mail);
    const due = withMail.filter((p) => !already.has(p.id));
    const capRemaining = Math.max(0, config.dailyCap - sentToday);
    return {
      config,
      due,
      counts: {
        eligible: people.length,
        optedOut: people.filter((p) => optedOut.has(p.id)).length,
        noMail: people.filter((p) => !optedOut.has(p.id) && !p.mail).length,
        alreadyToday: withMail.length - due.length,
        capRemaining,
        willSend: Math.min(due.length, capRemaining),
        leftByCap: Math.max(0, due.length - capRemaining),
      },
    };
  }

  return {
    /** What "Send reminders now" would do, for its confirmation. Reads only. */
    async plan() {
      const a = await audience();
      return {
        problem: sendingProblem(d, a.config),
        ...a.counts,
        recipients: a.due.slice(0, 200).map((p) => ({
          id: p.id,
          displayName: p.displayName,
          userPrincipalName: p.userPrincipalName,
          waveName: p.wave.name,
        })),
      };
    },

    /** Sends today's reminders (the button and the daily job); stops at the cap and says how many are left. */
    async run(ctx: RequestContext) {
      const a = await audience();
      const problem = sendingProblem(d, a.config);
      if (problem) throw new AppError("PRECONDITION_FAILED", problem);
      const config = { ...a.config, mailbox: a.config.mailbox! };
      const r = { sent: 0, failed: 0, leftByCap: 0, skipped: 0 };
      for (const [i, p] of a.due.entries()) {
        const outcome = await send(ctx, "reminder", p, valuesFor(p, { wave: p.wave }), config);
        if (outcome === "cap") {
          r.leftByCap = a.due.length - i;
          break;
        }
        if (outcome === "duplicate") r.skipped++;
        else r[outcome]++;
      }
      await d.uow.run((tx) =>
        d.audit.record(tx, ctx, {
          action: "messages.reminders",
          subjectType: "Message",
          subjectId: "reminder",
          before: null,
          after: { ...r, eligible: a.counts.eligible, optedOut: a.counts.optedOut },
        }),
      );
      return r;
    },
  };
}

/** The daily job: the run as the system; without a mailbox or tenant it sends nothing and says why. */
export async function dailyReminders(reminders: ReturnType<typeof makeReminders>, now: Date) {
  const { problem } = await reminders.plan();
  if (problem) return { skipped: problem };
  return reminders.run({ actor: systemActor, requestId: `reminders-${isoDay(now)}` });
}
