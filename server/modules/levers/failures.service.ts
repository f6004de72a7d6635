import type { UnitOfWork } from "@/server/db/uow";
import type { FailureRepository } from "./failures.repository";

// Sign-in failures with a FIDO2 security key, from the sign-in log the sync already reads
// (docs/SECURITY-LEAD.md): by error code, by key model and by site, per week, and who keeps failing.

const DAY = 86_400_000;
/** "Repeated": this many failures or more in the last REPEAT_DAYS days. */
export const REPEAT_THRESHOLD = 3;
export const REPEAT_DAYS = 7;

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
  return {
    async summary(input: { weeks: number }) {
      const now = clock();
      const rows = await repo.failures(uow.db, new Date(now.getTime() - input.weeks * 7 * DAY));
      const users = new Map(
        (await repo.users(uow.db, [...new Set(rows.map((r) => r.userId))])).map((u) => [u.id, u]),
      );
      const reasons = new Map<number, string | null>();
      for (const r of rows) if (!reasons.get(r.errorCode)) reasons.set(r.errorCode, r.failureReason);
      const recentFrom = now.getTime() - REPEAT_DAYS * DAY;
      const recent = countBy(
        rows.filter((r) => r.at.getTime() >= recentFrom),
        (r) => r.userId,
      ).filter((r) => r.count >= REPEAT_THRESHOLD);
      return {
        total: rows.length,
        people: users.size,
        byCode: countBy(rows, (r) => String(r.errorCode)).map((c) => ({
          errorCode: Number(c.key),
          reason: reasons.get(Number(c.key)) ?? null,
          count: c.count,
        })),
        byModel: countBy(rows, (r) => r.keyDetail ?? "Not named in the log").map((c) => ({
          model: c.key,
          count: c.count,
        })),
        bySite: countBy(rows, (r) => users.get(r.userId)?.site?.code ?? "No site").map((c) => ({
          site: c.key,
          count: c.count,
        })),
        perWeek: countBy(rows, (r) => weekStart(r.at))
          .map((c) => ({ weekStart: c.key, count: c.count }))
          .sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
        repeated: recent.map((r) => {
          const u = users.get(r.key);
          return {
            userId: r.key,
            displayName: u?.displayName ?? r.key,
            userPrincipalName: u?.userPrincipalName ?? "",
            failures: r.count,
            lastAt: rows.find((x) => x.userId === r.key)!.at,
          };
        }),
      };
    },
  };
}

export type FailureService = ReturnType<typeof makeFailureService>;
