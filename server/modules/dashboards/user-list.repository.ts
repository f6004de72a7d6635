import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { NO_DEPARTMENT, type UserState } from "@/server/modules/rollout/rollout-states";
import { stateFlagSql, type StateParams } from "@/server/modules/rollout/user-state.repository";
import type { UserListInput } from "./dashboards.schemas";

// The users list in SQL, because the rollout drill-downs filter on each user's stored rollout state
// (rollout_user_states, written with the figures), which Prisma's schema does not relate to users.

export interface UserListRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  department: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  accountEnabled: boolean;
  isPrivileged: boolean;
  isPasswordlessCapable: boolean;
}

const orders: Record<string, (dir: Prisma.Sql) => Prisma.Sql> = {
  name: (dir) => Prisma.sql`u."displayName" ${dir}, u.id ASC`,
  upn: (dir) => Prisma.sql`u."userPrincipalName" ${dir}`,
  department: (dir) => Prisma.sql`u.department ${dir} NULLS LAST, u."displayName" ASC, u.id ASC`,
  site: (dir) => Prisma.sql`u."officeLocation" ${dir} NULLS LAST, u."displayName" ASC, u.id ASC`,
};

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What the user row itself must match: search and the report's passwordless flag. */
function rowFilters(f: UserListInput): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.passwordless) parts.push(Prisma.sql`u."isPasswordlessCapable" = ${f.passwordless === "yes"}`);
  if (f.q) {
    const q = like(f.q);
    parts.push(Prisma.sql`(u."displayName" ILIKE ${q} OR u."userPrincipalName" ILIKE ${q} OR u.department ILIKE ${q})`);
  }
  return parts;
}

const byDepartment = (column: Prisma.Sql, v: string) => (v === NO_DEPARTMENT ? Prisma.sql`${column} IS NULL` : Prisma.sql`${column} = ${v}`);

/** The plain list: live users, optionally of one wave, department or site. */
function plain(f: UserListInput) {
  const parts = [Prisma.sql`u."deletedAt" IS NULL`, ...rowFilters(f)];
  if (f.waveId) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM wave_members m WHERE m."userId" = u.id AND m."waveId" = ${f.waveId})`);
  if (f.department) parts.push(byDepartment(Prisma.sql`u.department`, f.department));
  if (f.siteId) parts.push(byDepartment(Prisma.sql`u."siteId"`, f.siteId));
  const w = Prisma.join(parts, " AND ");
  return { page: Prisma.sql`FROM directory_users u WHERE ${w}`, count: Prisma.sql`SELECT count(*)::int AS n FROM directory_users u WHERE ${w}`, with: Prisma.empty };
}

/**
 * A rollout drill-down: the users whose stored state (written with the figures) puts them in the bar, found
 * first from rollout_user_states and the wave's members, then joined to their rows to sort by name —
 * walking the name index and testing each user is slow when few match. The count needs no user rows
 * unless a search narrows it.
 */
function drill(f: UserListInput & { state: UserState }, p: StateParams) {
  const conds = [stateFlagSql(f.state, p.now, p.staleDays)];
  if (f.department) conds.push(Prisma.sql`f.department = ${f.department}`);
  if (f.siteId) conds.push(byDepartment(Prisma.sql`f."siteId"`, f.siteId));
  const wave = f.waveId ? Prisma.sql`JOIN wave_members m ON m."userId" = f."userId" AND m."waveId" = ${f.waveId}` : Prisma.empty;
  const extra = rowFilters(f);
  const w = extra.length ? Prisma.sql`WHERE ${Prisma.join(extra, " AND ")}` : Prisma.empty;
  return {
    with: Prisma.sql`WITH hit AS MATERIALIZED (SELECT f."userId" AS id FROM rollout_user_states f ${wave} WHERE ${Prisma.join(conds, " AND ")})`,
    page: Prisma.sql`FROM hit JOIN directory_users u ON u.id = hit.id ${w}`,
    count: extra.length ? Prisma.sql`SELECT count(*)::int AS n FROM hit JOIN directory_users u ON u.id = hit.id ${w}` : Prisma.sql`SELECT count(*)::int AS n FROM hit`,
  };
}

export async function listUsers(db: Db, input: UserListInput, p: StateParams) {
  const sort = input.sort ?? { id: "name", desc: false };
  const order = orders[sort.id]!(sort.desc ? Prisma.sql`DESC` : Prisma.sql`ASC`);
  const q = input.state ? drill({ ...input, state: input.state }, p) : plain(input);
  const [rows, count] = await Promise.all([
    db.$queryRaw<UserListRow[]>(Prisma.sql`${q.with}
      SELECT u.id, u."displayName", u."userPrincipalName", u.department, u."jobTitle", u."officeLocation", u."accountEnabled", u."isPrivileged", u."isPasswordlessCapable"
      ${q.page} ORDER BY ${order} LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`),
    db.$queryRaw<{ n: number }[]>(Prisma.sql`${q.with} ${q.count}`),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}
