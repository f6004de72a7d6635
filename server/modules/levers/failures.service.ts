import type { UnitOfWork } from "@/server/db/uow";
import { csvExport, type CsvExport } from "@/server/modules/inventory/csv";
import type { FailureRepository } from "./failures.repository";

// Sign-in failures with a FIDO2 security key, from the sign-in log the sync already reads
// (docs/SECURITY-LEAD.md): by error code, by key model and by site, per week, and who keeps failing;
// each count opens on its sign-ins (paged, and as CSV).

const DAY = 86_400_000;
const PAGE = 50;
const CSV_LIMIT = 10_000;
export const NO_MODEL = "Not named in the log";
export const NO_SITE = "No site";

export interface FailureFilter {
  weeks: number;
  errorCode?: number;
  model?: string;
  site?: string;
  week?: string;
  userId?: string;
}

const weekStart = (d: Date) => {
  const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
};

function countBy<T>(rows: T[], key: (r: T) => string) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function makeFailureService({
  uow,
  repo,
  clock,
}: {
  uow: UnitOfWork;
  repo: FailureRepository;
  clock: () => Date;
}) {
  /** The window's failures, each with its person, model and site as the counts name them. */
  async function load(weeks: number) {
    const now = clock();
    const rows = await repo.failures(uow.db, new Date(now.getTime() - weeks * 7 * DAY));
    const users = new Map(
      (await repo.users(uow.db, [...new Set(rows.map((r) => r.userId))])).map((u) => [u.id, u]),
    );
    return {
      now,
      users,
      rows: rows.map((r) => {
        const u = users.get(r.userId);
        return {
          id: r.id,
          at: r.at,
          userId: r.userId,
          displayName: u?.displayName ?? r.userId,
          userPrincipalName: u?.userPrincipalName ?? "",
          errorCode: r.errorCode,
          reason: r.failureReason,
          model: r.keyDetail ?? NO_MODEL,
          site: u?.site?.code ?? NO_SITE,
          week: weekStart(r.at),
        };
      }),
    };
  }
  async function matching(f: FailureFilter) {
    const { rows } = await load(f.weeks);
    return rows.filter(
      (r) =>
        (f.errorCode === undefined || r.errorCode === f.errorCode) &&
        (f.model === undefined || r.model === f.model) &&
        (f.site === undefined || r.site === f.site) &&
        (f.week === undefined || r.week === f.week) &&
        (f.userId === undefined || r.userId === f.userId),
    );
  }

  return {
    /** One count's sign-ins, newest first, a page at a time. */
    async list(input: FailureFilter & { page: number }) {
      const rows = await matching(input);
      const start = (input.page - 1) * PAGE;
      return {
        total: rows.length,
        page: input.page,
        pageSize: PAGE,
        rows: rows.slice(start, start + PAGE),
      };
    },

    /** The same sign-ins as a CSV file. */
    async csv(input: FailureFilter): Promise<CsvExport> {
      return csvExport({
        name: "sign-in-failures",
        at: clock(),
        rows: await matching(input),
        limit: CSV_LIMIT,
        columns: [
          { header: "When (UTC)", value: (r) => r.at },
          { header: "Person", value: (r) => r.displayName },
          { header: "UPN", value: (r) => r.userPrincipalName },
          { header: "Error code", value: (r) => r.errorCode },
          { header: "Failure reason", value: (r) => r.reason },
          { header: "Key model", value: (r) => r.model },
          { header: "Site", value: (r) => r.site },
          { header: "Week", value: (r) => r.week },
        ],
      });
    },

    async summary(input: { weeks: number; repeatAtLeast: number; repeatDays: number }) {
      const { now, users, rows } = await load(input.weeks);
      const reasons = new Map<number, string | null>();
      for (const r of rows) if (!reasons.get(r.errorCode)) reasons.set(r.errorCode, r.reason);
      // The repeat window may be longer than the page's: it reads its own days.
      const recentFrom = now.getTime() - input.repeatDays * DAY;
      const recentRows =
        input.repeatDays <= input.weeks * 7 ? rows : (await load(Math.ceil(input.repeatDays / 7))).rows;
      const recent = countBy(
        recentRows.filter((r) => r.at.getTime() >= recentFrom),
        (r) => r.userId,
      ).filter((r) => r.count >= input.repeatAtLeast);
      const people = new Map(recentRows.map((r) => [r.userId, r]));
      return {
        repeat: { atLeast: input.repeatAtLeast, days: input.repeatDays },
        total: rows.length,
        people: users.size,
        byCode: countBy(rows, (r) => String(r.errorCode)).map((c) => ({
          errorCode: Number(c.key),
          reason: reasons.get(Number(c.key)) ?? null,
          count: c.count,
        })),
        byModel: countBy(rows, (r) => r.model).map((c) => ({
          model: c.key,
          count: c.count,
        })),
        bySite: countBy(rows, (r) => r.site).map((c) => ({
          site: c.key,
          count: c.count,
        })),
        perWeek: countBy(rows, (r) => r.week)
          .map((c) => ({ weekStart: c.key, count: c.count }))
          .sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
        repeated: recent.map((r) => {
          const u = people.get(r.key)!;
          return {
            userId: r.key,
            displayName: u.displayName,
            userPrincipalName: u.userPrincipalName,
            failures: r.count,
            lastAt: recentRows.find((x) => x.userId === r.key)!.at,
          };
        }),
      };
    },
  };
}

export type FailureService = ReturnType<typeof makeFailureService>;
