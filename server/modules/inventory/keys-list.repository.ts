import { Prisma, type KeyStatus } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { titleCase } from "@/server/lib/prefix-search";
import type { KeyFilter, KeyListInput } from "./inventory.schemas";

// The keys list and its CSV in hand-written, parameterised SQL: part of the inventory repository
// (inventory.repository.ts spreads it in). One statement per page: the page of keys, the number of
// keys matching, the custodian-name prefix search and the model, site and custodian names. Only the
// user's values are parameters; column names and directions come from the tables below.

type SortId = NonNullable<KeyListInput["sort"]>["id"];
type Dir = "ASC" | "DESC";
// `k` is the key (or the page of keys), `m` its model, `s` its site. Ties broken as before.
const keyOrder: Record<SortId, (dir: Dir) => string> = {
  serial: (dir) => `k.serial ${dir}, k.id ${dir}`,
  status: (dir) => `k.status ${dir}, k.serial ASC`,
  model: (dir) => `m."productName" ${dir}, k.serial ASC`,
  site: (dir) => `s.code ${dir}, k.serial ASC`,
  changed: (dir) => `k."statusChangedAt" ${dir}, k.id ${dir}`,
};
const orderOf = (sort: KeyListInput["sort"]) => {
  const s = sort ?? { id: "serial" as const, desc: false };
  return { id: s.id, sql: Prisma.raw(keyOrder[s.id](s.desc ? "DESC" : "ASC")) };
};

// Search is a prefix on the serial, or on a custodian's name or UPN: each probe a range on a btree
// index (any collation), starts_with keeping it exact. The custodians are an ARRAY(…) sub-select, run
// once before the keys are read, so the key side stays an OR of two index scans (a plain IN (…) here
// becomes a join over every key).
const MAX_CUSTODIANS = 500;
const prefix = (column: Prisma.Sql, q: string) =>
  Prisma.sql`(${column} >= ${q} AND ${column} < ${`${q}\uffff`} AND starts_with(${column}, ${q}))`;

function keyWhere(f: KeyFilter): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (f.status) and.push(Prisma.sql`k.status = CAST(${f.status} AS "KeyStatus")`);
  if (f.siteId) and.push(Prisma.sql`k."siteId" = ${f.siteId}`);
  if (f.modelId) and.push(Prisma.sql`k."modelId" = ${f.modelId}`);
  if (f.custodianId) and.push(Prisma.sql`k."custodianId" = ${f.custodianId}`);
  const q = f.q?.trim();
  if (q) {
    const names = [...new Set([q, titleCase(q)])].map((n) => prefix(Prisma.sql`u."displayName"`, n));
    const upn = prefix(Prisma.sql`u."userPrincipalName"`, q.toLowerCase());
    and.push(Prisma.sql`(${prefix(Prisma.sql`k.serial`, q.toUpperCase())} OR k."custodianId" = ANY(ARRAY(
      SELECT u.id FROM directory_users u WHERE ${Prisma.join([...names, upn], " OR ")} LIMIT ${MAX_CUSTODIANS})))`);
  }
  return and.length ? Prisma.sql`WHERE ${Prisma.join(and, " AND ")}` : Prisma.empty;
}

interface KeyRowRecord {
  id: string;
  serial: string;
  vendor: string;
  modelId: string;
  model: string;
  siteId: string;
  site: string;
  status: KeyStatus;
  custodianId: string | null;
  custodian: string | null;
  statusChangedAt: Date;
  version: number;
}
const keyColumns = Prisma.sql`k.id, k.serial, k.vendor, k."modelId", m."productName" AS model, k."siteId",
  s.code AS site, k.status::text AS status, k."custodianId", u."displayName" AS custodian,
  k."statusChangedAt", k.version`;
const keyRow = ({ total: _total, ...r }: KeyRowRecord & { total?: bigint }) => r;

export function makeKeysList() {
  return {
    /** One page of keys under the filter and sort, and how many keys match. */
    async listKeys(db: Db, input: KeyListInput) {
      const order = orderOf(input.sort);
      const where = keyWhere(input);
      // The page is taken from the keys alone (joined to the one table the sort needs, so an index in
      // the sort's order can stop at the page); names are joined for the page's rows only. The count is
      // a sub-select run once beside it: the same work as a second query, without the round trip.
      const sortJoin =
        order.id === "model"
          ? Prisma.sql`JOIN key_models m ON m.id = k."modelId"`
          : order.id === "site"
            ? Prisma.sql`JOIN sites s ON s.id = k."siteId"`
            : Prisma.empty;
      const rows = await db.$queryRaw<(KeyRowRecord & { total: bigint })[]>`
        SELECT ${keyColumns}, (SELECT count(*) FROM security_keys k ${where}) AS total
        FROM (
          SELECT k.* FROM security_keys k ${sortJoin} ${where}
          ORDER BY ${order.sql} LIMIT ${input.pageSize}::int OFFSET ${(input.page - 1) * input.pageSize}::int
        ) k
        JOIN key_models m ON m.id = k."modelId"
        JOIN sites s ON s.id = k."siteId"
        LEFT JOIN directory_users u ON u.id = k."custodianId"
        ORDER BY ${order.sql}`;
      // Past the last page there is no row to carry the count: ask for it alone (rare).
      const total = rows[0]
        ? Number(rows[0].total)
        : input.page > 1
          ? Number(
              (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM security_keys k ${where}`)[0]!.n,
            )
          : 0;
      return { items: rows.map(keyRow), total };
    },

    /** Every key under the filter, in the table's order, with what the CSV adds (at most `limit`). */
    async exportKeys(db: Db, filter: KeyFilter, sort: KeyListInput["sort"], limit: number) {
      const rows = await db.$queryRaw<
        (KeyRowRecord & { custodianUpn: string | null; poNumber: string | null })[]
      >`
        SELECT ${keyColumns}, u."userPrincipalName" AS "custodianUpn", po.number AS "poNumber"
        FROM security_keys k
        JOIN key_models m ON m.id = k."modelId"
        JOIN sites s ON s.id = k."siteId"
        LEFT JOIN directory_users u ON u.id = k."custodianId"
        LEFT JOIN purchase_order_lines pl ON pl.id = k."poLineId"
        LEFT JOIN purchase_orders po ON po.id = pl."purchaseOrderId"
        ${keyWhere(filter)}
        ORDER BY ${orderOf(sort).sql} LIMIT ${limit}::int`;
      return rows;
    },
  };
}
