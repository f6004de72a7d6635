import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { NO_DEPARTMENT, type UserState } from "@/server/modules/rollout/rollout.constants";
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

/** What the user row itself must match: search, the report's passwordless flag, privileged or not. */
function rowFilters(f: UserListInput): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.passwordless) parts.push(Prisma.sql`u."isPasswordlessCapable" = ${f.passwordless === "yes"}`);
  if (f.privileged) parts.push(Prisma.sql`u."isPrivileged" = ${f.privileged === "yes"}`);
  if (f.q) {
    const q = like(f.q);
    parts.push(
      Prisma.sql`(u."displayName" ILIKE ${q} OR u."userPrincipalName" ILIKE ${q} OR u.department ILIKE ${q})`,
    );
  }
  return parts;
}

const byDepartment = (column: Prisma.Sql, v: string) =>
  v === NO_DEPARTMENT ? Prisma.sql`${column} IS NULL` : Prisma.sql`${column} = ${v}`;

const columns = Prisma.sql`u.id, u."displayName", u."userPrincipalName", u.department, u."jobTitle", u."officeLocation", u."accountEnabled", u."isPrivileged", u."isPasswordlessCapable"`;

interface Page {
  sort: NonNullable<UserListInput["sort"]>;
  limit: number;
  offset: number;
}
const direction = (pg: Page) => (pg.sort.desc ? Prisma.sql`DESC` : Prisma.sql`ASC`);
/** The page of a list sorted by a users column. */
const cut = (pg: Page) =>
  Prisma.sql`ORDER BY ${orders[pg.sort.id]!(direction(pg))} LIMIT ${pg.limit} OFFSET ${pg.offset}`;
/** The page and the count of one list: two statements, run side by side unless the page's plan depends on the count. */
interface ListSql {
  page: Prisma.Sql | ((total: number) => Prisma.Sql);
  count: Prisma.Sql;
}

/**
 * Up to this many matches a search collects them all, then sorts; beyond, it walks the sort's index. Collecting
 * costs ~5 µs a match (20 000: 95 ms at 100 000 users); the walk stops after a page of matches but tests every
 * user it passes, and name searches cluster in the name order ("Noah S": 1 800 matches, all under N, 120 ms).
 */
const FEW_MATCHES = 5_000;

/** The plain list: live users, optionally of one wave, department or site. */
function plain(f: UserListInput, pg: Page, fewMatches: number): ListSql {
  const parts = [Prisma.sql`u."deletedAt" IS NULL`, ...rowFilters(f)];
  if (f.waveId)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM wave_members m WHERE m."userId" = u.id AND m."waveId" = ${f.waveId})`,
    );
  if (f.department) parts.push(byDepartment(Prisma.sql`u.department`, f.department));
  if (f.siteId) parts.push(byDepartment(Prisma.sql`u."siteId"`, f.siteId));
  const w = Prisma.join(parts, " AND ");
  const count = Prisma.sql`SELECT count(*)::int AS n FROM directory_users u WHERE ${w}`;
  const walk = Prisma.sql`SELECT ${columns} FROM directory_users u WHERE ${w} ${cut(pg)}`;
  // Shorter terms have no trigrams: they match many users, which the walk meets early.
  if (!f.q || f.q.length < 3) return { page: walk, count };
  // The count finds a search's matches through the trigram indexes (a few ms when few match), and says which plan pays.
  const collect = Prisma.sql`WITH u AS MATERIALIZED (SELECT ${columns} FROM directory_users u WHERE ${w}) SELECT ${columns} FROM u ${cut(pg)}`;
  return { page: (total) => (total <= fewMatches ? collect : walk), count };
}

/**
 * A rollout drill-down: the users whose stored state (written with the figures) puts them in the bar, found
 * from rollout_user_states and the wave's members. Walking the name index and testing each user is slow
 * when few match; joining every match to its user row to sort is slow when many do (a bar of 60 000). So
 * the default view, by name with no search, cuts its page from the states alone (they carry a copy of the
 * name, as of the last figures) and joins only that page; the count needs no user rows unless a search
 * narrows it.
 */
function drill(f: UserListInput & { state: UserState }, p: StateParams, pg: Page): ListSql {
  const conds = [stateFlagSql(f.state, p.now, p.staleDays)];
  if (f.department) conds.push(Prisma.sql`f.department = ${f.department}`);
  if (f.siteId) conds.push(byDepartment(Prisma.sql`f."siteId"`, f.siteId));
  const wave = f.waveId
    ? Prisma.sql`JOIN wave_members m ON m."userId" = f."userId" AND m."waveId" = ${f.waveId}`
    : Prisma.empty;
  const states = Prisma.sql`FROM rollout_user_states f ${wave} WHERE ${Prisma.join(conds, " AND ")}`;
  const extra = rowFilters(f);
  if (!extra.length && pg.sort.id === "name") {
    const dir = direction(pg);
    return {
      page: Prisma.sql`WITH pg AS (SELECT f."userId" AS id, f."displayName" AS name ${states} ORDER BY f."displayName" ${dir}, f."userId" ASC LIMIT ${pg.limit} OFFSET ${pg.offset})
        SELECT ${columns} FROM pg JOIN directory_users u ON u.id = pg.id ORDER BY pg.name ${dir}, pg.id ASC`,
      count: Prisma.sql`SELECT count(*)::int AS n ${states}`,
    };
  }
  const hit = Prisma.sql`WITH hit AS MATERIALIZED (SELECT f."userId" AS id ${states})`;
  const w = extra.length ? Prisma.sql`WHERE ${Prisma.join(extra, " AND ")}` : Prisma.empty;
  return {
    page: Prisma.sql`${hit} SELECT ${columns} FROM hit JOIN directory_users u ON u.id = hit.id ${w} ${cut(pg)}`,
    count: extra.length
      ? Prisma.sql`${hit} SELECT count(*)::int AS n FROM hit JOIN directory_users u ON u.id = hit.id ${w}`
      : Prisma.sql`SELECT count(*)::int AS n ${states}`,
  };
}

/**
 * `p`: the state parameters, or how to get them — read only for a rollout drill-down (a state filter), so
 * the plain list costs no settings or figures read. `fewMatches`: where a search stops collecting its
 * matches (tests set it to see both plans).
 */
export async function listUsers(
  db: Db,
  input: UserListInput,
  p: StateParams | (() => Promise<StateParams>),
  fewMatches = FEW_MATCHES,
) {
  const pg: Page = {
    sort: input.sort ?? { id: "name", desc: false },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  };
  const q = input.state
    ? drill({ ...input, state: input.state }, typeof p === "function" ? await p() : p, pg)
    : plain(input, pg, fewMatches);
  const count = async () => (await db.$queryRaw<{ n: number }[]>(q.count))[0]?.n ?? 0;
  if (typeof q.page === "function") {
    const total = await count();
    return { rows: await db.$queryRaw<UserListRow[]>(q.page(total)), total };
  }
  const [rows, total] = await Promise.all([db.$queryRaw<UserListRow[]>(q.page), count()]);
  return { rows, total };
}
