import type { Db } from "@/server/db/uow";

// What messages to users read and write: templates, the opt-out list, the send log (never a body), and
// the people a reminder or notice goes to.

const personSelect = {
  id: true,
  displayName: true,
  userPrincipalName: true,
  mail: true,
  accountEnabled: true,
  deletedAt: true,
  site: { select: { name: true } },
} as const;

export function makeMessagesRepository() {
  const people = (db: Db, ids: string[]) =>
    db.directoryUser.findMany({ where: { id: { in: ids } }, select: personSelect });
  return {
    people,
    person: (db: Db, id: string) => db.directoryUser.findUnique({ where: { id }, select: personSelect }),
    personByName: (db: Db, name: string) =>
      db.directoryUser.findFirst({
        where: {
          OR: [
            { userPrincipalName: { equals: name, mode: "insensitive" } },
            { mail: { equals: name, mode: "insensitive" } },
          ],
        },
        select: personSelect,
      }),

    templates: (db: Db) =>
      db.messageTemplate.findMany({ select: { kind: true, subject: true, body: true, updatedAt: true } }),
    template: (db: Db, kind: string) =>
      db.messageTemplate.findUnique({ where: { kind }, select: { subject: true, body: true } }),
    putTemplate: (db: Db, kind: string, t: { subject: string; body: string }, actorId: string) =>
      db.messageTemplate.upsert({
        where: { kind },
        create: { kind, ...t, updatedById: actorId },
        update: { ...t, updatedById: actorId },
        select: { kind: true },
      }),

    optOuts: (db: Db) =>
      db.messageOptOut.findMany({
        orderBy: { addedAt: "desc" },
        select: { userId: true, reason: true, addedAt: true },
      }),
    optedOut: async (db: Db, userIds: string[]) =>
      new Set(
        (
          await db.messageOptOut.findMany({ where: { userId: { in: userIds } }, select: { userId: true } })
        ).map((o) => o.userId),
      ),
    addOptOut: (db: Db, userId: string, reason: string | null, actorId: string) =>
      db.messageOptOut.createMany({ data: [{ userId, reason, addedById: actorId }], skipDuplicates: true }),
    removeOptOut: (db: Db, userId: string) => db.messageOptOut.deleteMany({ where: { userId } }),

    /**
     * Claims one send for (template, person, day) under the daily cap. The advisory lock serialises claims
     * across processes so the cap holds; the unique key makes a second claim of the same send a no-op.
     */
    async claim(
      db: Db,
      row: { template: string; userId: string; day: Date; at: Date; actorId: string; actorName: string },
      cap: number,
    ) {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('keyfleet.messages.claim'))`;
      if ((await db.messageSend.count({ where: { day: row.day, template: row.template } })) >= cap)
        return "cap" as const;
      const r = await db.messageSend.createMany({
        data: [{ ...row, result: "pending" }],
        skipDuplicates: true,
      });
      if (r.count === 0) return "duplicate" as const;
      const claimed = await db.messageSend.findUnique({
        where: { template_userId_day: { template: row.template, userId: row.userId, day: row.day } },
        select: { id: true },
      });
      return claimed!.id;
    },
    finish: (db: Db, id: string, result: "sent" | "failed", error: string | null) =>
      db.messageSend.update({ where: { id }, data: { result, error }, select: { id: true } }),
    /** The day's sends; of one template when given. */
    countOn: (db: Db, day: Date, template?: string) => db.messageSend.count({ where: { day, template } }),
    sentOn: async (db: Db, template: string, day: Date) =>
      new Set(
        (await db.messageSend.findMany({ where: { template, day }, select: { userId: true } })).map(
          (s) => s.userId,
        ),
      ),
    log: (db: Db, take: number) =>
      db.messageSend.findMany({
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take,
        select: {
          id: true,
          template: true,
          userId: true,
          at: true,
          actorId: true,
          actorName: true,
          result: true,
          error: true,
        },
      }),

    /** Members of waves whose deadline is on or before `until`, enabled and not deleted, with no live FIDO2 credential. */
    async unregisteredMembers(db: Db, until: Date) {
      const rows = await db.waveMember.findMany({
        where: {
          wave: { registrationDeadline: { lte: until } },
          user: { deletedAt: null, accountEnabled: true, credentials: { none: { removedAt: null } } },
        },
        orderBy: [{ wave: { registrationDeadline: "asc" } }, { user: { displayName: "asc" } }],
        select: {
          wave: { select: { name: true, registrationDeadline: true } },
          user: { select: personSelect },
        },
      });
      return rows.map((r) => ({ ...r.user, wave: r.wave }));
    },
    /** The waves a person belongs to, earliest deadline first. */
    wavesOf: (db: Db, userId: string) =>
      db.rolloutWave.findMany({
        where: { members: { some: { userId } } },
        orderBy: { registrationDeadline: "asc" },
        select: { name: true, registrationDeadline: true },
      }),
    assignment: (db: Db, id: string) =>
      db.keyAssignment.findUnique({ where: { id }, select: { userId: true, carrierRef: true } }),
  };
}

export type MessagesRepository = ReturnType<typeof makeMessagesRepository>;
export type MessagePerson = NonNullable<Awaited<ReturnType<MessagesRepository["person"]>>>;
