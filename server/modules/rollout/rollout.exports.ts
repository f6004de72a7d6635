import { csvExport, type CsvColumn, type CsvExport } from "@/server/modules/inventory/csv";
import type { RolloutDashboard } from "./rollout.dashboard";
import type { ExportInput, Figure } from "./rollout.schemas";
import type { RolloutService } from "./rollout.service";
import { isoDay } from "@/server/lib/time";

// Every chart's CSV: the same service call as the chart, written through the shared CSV writer (formula
// cells neutralised). A row per bar, the columns the chart's table shows.

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : "");
type Cols<T> = [header: string, value: (row: T) => unknown][];

const figureColumns: Cols<Figure> = [
  ["Group", (r) => r.label],
  ["Target %", (r) => r.target ?? ""],
  ["Users in scope", (r) => r.scope],
  ["Key assigned", (r) => r.assigned],
  ["Registered", (r) => r.registered],
  ["Registered %", (r) => pct(r.registered, r.scope)],
  ["Used in 30 days", (r) => r.used],
  ["Two or more keys", (r) => r.backup],
  ["Passwordless-capable", (r) => r.passwordless],
  ["Passwordless-capable %", (r) => pct(r.passwordless, r.scope)],
  ["No phishing-resistant method", (r) => r.notReady],
];

export function makeRolloutExports({
  dashboard,
  waves,
  clock,
}: {
  dashboard: RolloutDashboard;
  waves: RolloutService;
  clock: () => Date;
}) {
  const file = <T>(name: string, rows: readonly T[], columns: Cols<T>): CsvExport =>
    csvExport({
      name: `rollout-${name}`,
      at: clock(),
      rows,
      columns: columns.map(([header, value]): CsvColumn<T> => ({ header, value })),
    });

  return async function exportCsv(input: ExportInput): Promise<CsvExport> {
    const day = (d: Date | null) => (d ? isoDay(d) : "");
    switch (input.chart) {
      case "adoption": {
        const a = await dashboard.adoption(input.by);
        return file(`adoption-by-${input.by}`, [...a.rows, a.tenant], figureColumns);
      }
      case "funnel": {
        const a = await dashboard.adoption("wave");
        return file(
          "funnel",
          [...a.rows, a.tenant],
          [
            ["Wave", (r) => r.label],
            ["Users in scope", (r) => r.scope],
            ["Key assigned", (r) => r.assigned],
            ["Registered", (r) => r.registered],
            ["Used in 30 days", (r) => r.used],
          ],
        );
      }
      case "backup": {
        const a = await dashboard.adoption("wave");
        return file(
          "backup-coverage",
          [...a.rows, a.tenant],
          [
            ["Wave", (r) => r.label],
            ["Registered", (r) => r.registered],
            ["Two or more keys", (r) => r.backup],
            ["Backup % of registered", (r) => pct(r.backup, r.registered)],
          ],
        );
      }
      case "waves":
        return file("waves", await waves.listWaves(), [
          ["Wave", (w) => w.name],
          [
            "Source",
            (w) =>
              w.source.kind === "groups"
                ? w.source.groups.map((g) => g.name).join("; ")
                : [...w.source.department, ...w.source.siteId].join("; "),
          ],
          ["Start", (w) => day(w.startDate)],
          ["Registration deadline", (w) => day(w.registrationDeadline)],
          ["Enforcement", (w) => day(w.enforcementDate)],
          ["Target %", (w) => w.targetPercent],
          ["Members", (w) => w.members],
          ["Phase", (w) => w.phase],
        ]);
      case "trends":
        return file(`trends-${input.dimension}`, await dashboard.trends(input.dimension, input.key), [
          ["Date", (r) => day(r.date)],
          ["Users in scope", (r) => r.scope],
          ["Registered", (r) => r.registered],
          ["Registered %", (r) => r.registeredPct ?? ""],
          ["Two or more keys", (r) => r.backup],
          ["Used in 30 days", (r) => r.active],
          ["Keys in stock", (r) => r.keysInStock],
        ]);
      case "registration-times":
        return file("registration-times", (await dashboard.registrationTimes(input.waveId)).buckets, [
          ["Time to register", (r) => r.label],
          ["Users", (r) => r.users],
        ]);
      case "readiness":
        return file("readiness", await dashboard.readiness(), [
          ["Wave", (r) => r.name],
          ["Registration deadline", (r) => day(r.registrationDeadline)],
          ["Enforcement", (r) => day(r.enforcementDate)],
          ["Past deadline", (r) => (r.isPastDeadline ? "yes" : "no")],
          ["Users in scope", (r) => r.scope],
          ["Ready", (r) => r.ready],
          ["No phishing-resistant method", (r) => r.notReady],
        ]);
      case "stock":
        return file("stock-vs-demand", (await dashboard.stock()).sites, [
          ["Site", (r) => r.site],
          ["In stock", (r) => r.inStock],
          ["On order", (r) => r.onOrder],
          ["Wave demand", (r) => r.waveDemand],
          ["Replacement demand", (r) => r.replacementDemand],
          ["Recommended order", (r) => r.recommended],
          ["Order late", (r) => (r.isLate ? "yes" : "no")],
        ]);
      case "incidents":
        return file("lost-keys-and-taps", (await dashboard.incidents()).weeks, [
          ["Week of", (r) => day(r.week)],
          ["Lost, stolen or damaged (cases)", (r) => r.lostCases],
          ["Per 1 000 keys in service", (r) => r.lostPer1000Keys],
          ["TAPs issued", (r) => r.taps],
        ]);
      case "sign-ins":
        return file("sign-in-mix", (await dashboard.signInMix()).rows, [
          ["Wave", (r) => r.label],
          ["Phishing-resistant", (r) => r.phishingResistant],
          ["Password", (r) => r.password],
          ["Other", (r) => r.other],
          ["Phishing-resistant %", (r) => r.share ?? ""],
        ]);
      case "hygiene":
        return file("credential-hygiene", (await dashboard.hygiene(input.staleDays)).rows, [
          ["Finding", (r) => r.label],
          ["Credentials", (r) => r.credentials],
          ["Users", (r) => r.users],
        ]);
    }
  };
}
