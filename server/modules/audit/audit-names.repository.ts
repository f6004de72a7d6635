import type { Db } from "@/server/db/uow";

// The names audit events' subjects go by today (a key's serial, a person's name, an order's number), read
// for a whole page of events at once: one query per kind of subject present, never one per event. Part of
// the audit repository (audit.repository.ts spreads it in). A subject that no longer exists is absent.

export interface SubjectRef {
  subjectType: string;
  ids: string[];
}

/** What a subject is called, and the id of the record whose page shows it (itself unless noted). */
export interface SubjectName {
  name: string;
  pageId: string;
}

type Reader = (db: Db, ids: string[]) => Promise<[string, SubjectName][]>;

const self = (id: string, name: string): [string, SubjectName] => [id, { name, pageId: id }];

const readers: Record<string, Reader> = {
  SecurityKey: async (db, ids) =>
    (await db.securityKey.findMany({ where: { id: { in: ids } }, select: { id: true, serial: true } })).map(
      (r) => self(r.id, r.serial),
    ),
  DirectoryUser: async (db, ids) =>
    (
      await db.directoryUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })
    ).map((r) => self(r.id, r.displayName)),
  PurchaseOrder: async (db, ids) =>
    (await db.purchaseOrder.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })).map(
      (r) => self(r.id, r.number),
    ),
  Case: async (db, ids) =>
    (await db.case.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })).map((r) =>
      self(r.id, `Case #${r.number}`),
    ),
  KeyModel: async (db, ids) =>
    (await db.keyModel.findMany({ where: { id: { in: ids } }, select: { id: true, productName: true } })).map(
      (r) => self(r.id, r.productName),
    ),
  Site: async (db, ids) =>
    (
      await db.site.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true } })
    ).map((r) => self(r.id, `${r.name} (${r.code})`)),
  RolloutWave: async (db, ids) =>
    (await db.rolloutWave.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map(
      (r) => self(r.id, r.name),
    ),
  EnrollmentBatch: async (db, ids) =>
    (await db.enrollmentBatch.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map(
      (r) => self(r.id, r.name),
    ),
  // Shown on their batch's page.
  EnrollmentItem: async (db, ids) =>
    (
      await db.enrollmentItem.findMany({
        where: { id: { in: ids } },
        select: { id: true, batchId: true, serial: true, batch: { select: { name: true } } },
      })
    ).map((r) => [r.id, { name: `${r.serial ?? "A key"} in ${r.batch.name}`, pageId: r.batchId }]),
  // Shown on their owner's page.
  EntraCredential: async (db, ids) =>
    (
      await db.entraCredential.findMany({
        where: { id: { in: ids } },
        select: { id: true, userId: true, displayName: true, user: { select: { displayName: true } } },
      })
    ).map((r) => [
      r.id,
      { name: `${r.user.displayName}'s ${r.displayName ?? "credential"}`, pageId: r.userId },
    ]),
  // Staff are not directory records: they go by the name their newest event in the trail carries.
  StaffUser: async (db, ids) =>
    (
      await db.auditEvent.findMany({
        where: { actorId: { in: ids } },
        distinct: ["actorId"],
        orderBy: [{ actorId: "asc" }, { seq: "desc" }],
        select: { actorId: true, actorName: true },
      })
    ).map((r) => self(r.actorId, r.actorName)),
  MatchReview: async (db, ids) =>
    (
      await db.matchReview.findMany({
        where: { id: { in: ids } },
        select: { id: true, credential: { select: { user: { select: { displayName: true } } } } },
      })
    ).map((r) => self(r.id, `Match review for ${r.credential.user.displayName}`)),
};

const contains = (q: string) => ({ contains: q, mode: "insensitive" as const });

export interface SubjectHit {
  subjectType: string;
  id: string;
  name: string;
}

/** Subjects whose name contains `q`, a few of each kind, for the audit page's subject picker. */
async function searchSubjects(db: Db, q: string, take: number): Promise<SubjectHit[]> {
  const hit = (subjectType: string) => (r: { id: string; name: string }) => ({ subjectType, ...r });
  const caseNumber = /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  const [keys, users, orders, cases, waves, batches] = await Promise.all([
    db.securityKey.findMany({ where: { serial: contains(q) }, take, select: { id: true, serial: true } }),
    db.directoryUser.findMany({
      where: { OR: [{ displayName: contains(q) }, { userPrincipalName: contains(q) }] },
      take,
      orderBy: { displayName: "asc" },
      select: { id: true, displayName: true },
    }),
    db.purchaseOrder.findMany({ where: { number: contains(q) }, take, select: { id: true, number: true } }),
    caseNumber === null
      ? Promise.resolve([])
      : db.case.findMany({ where: { number: caseNumber }, take, select: { id: true, number: true } }),
    db.rolloutWave.findMany({ where: { name: contains(q) }, take, select: { id: true, name: true } }),
    db.enrollmentBatch.findMany({ where: { name: contains(q) }, take, select: { id: true, name: true } }),
  ]);
  return [
    ...users.map((r) => hit("DirectoryUser")({ id: r.id, name: r.displayName })),
    ...keys.map((r) => hit("SecurityKey")({ id: r.id, name: r.serial })),
    ...orders.map((r) => hit("PurchaseOrder")({ id: r.id, name: r.number })),
    ...cases.map((r) => hit("Case")({ id: r.id, name: `Case #${r.number}` })),
    ...waves.map(hit("RolloutWave")),
    ...batches.map(hit("EnrollmentBatch")),
  ];
}

export function makeAuditNames() {
  return {
    /** `${subjectType}:${id}` → its name today, for every subject that still exists. */
    async subjectNames(db: Db, refs: SubjectRef[]): Promise<Map<string, SubjectName>> {
      const byType = new Map<string, Set<string>>();
      for (const r of refs) {
        if (!readers[r.subjectType] || !r.ids.length) continue;
        const set = byType.get(r.subjectType) ?? new Set<string>();
        for (const id of r.ids) set.add(id);
        byType.set(r.subjectType, set);
      }
      const found = await Promise.all(
        [...byType].map(async ([type, ids]) =>
          (await readers[type]!(db, [...ids])).map(([id, n]) => [`${type}:${id}`, n] as const),
        ),
      );
      return new Map(found.flat());
    },

    searchSubjects,

    /** People who appear as actors in the trail, by name, with the name of their newest event. */
    async searchActors(db: Db, q: string, take: number) {
      return db.auditEvent.findMany({
        where: { actorName: contains(q) },
        distinct: ["actorId"],
        orderBy: [{ actorId: "asc" }, { seq: "desc" }],
        take,
        select: { actorId: true, actorName: true, role: true },
      });
    },

    async actorName(db: Db, actorId: string): Promise<string | null> {
      const row = await db.auditEvent.findFirst({
        where: { actorId },
        orderBy: { seq: "desc" },
        select: { actorName: true },
      });
      return row?.actorName ?? null;
    },
  };
}
