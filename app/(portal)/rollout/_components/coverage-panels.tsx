import { ShieldCheck } from "lucide-react";
import { formatDate } from "@/app/_components/format";
import type { Figure } from "@/server/modules/rollout/rollout.schemas";
import { BarsChart } from "./bars-chart";
import { ChartPanel, Count, FigureTable } from "./chart-panel";
import { colors } from "./chart-theme";
import { usersHref } from "./links";
import { pct, showPct } from "./percent";

// Coverage of the rollout: who has a backup key, and who is ready for enforcement.

export function BackupPanel({
  waves,
  tenant,
  requiresBackup,
  canUsers,
}: {
  waves: Figure[];
  tenant: Figure;
  requiresBackup: Set<string>;
  canUsers: boolean;
}) {
  const rows = [...waves, tenant];
  const href = (r: Figure) =>
    canUsers ? usersHref({ wave: r.key === "all" ? undefined : r.key, state: "no_backup" }) : null;
  return (
    <ChartPanel
      id="backup"
      title="Backup coverage"
      description="Users with a registered hardware key: how many hold two or more. Waves marked * require a backup key."
      exportAs={{ chart: "backup" }}
      drill={
        canUsers && tenant.registered - tenant.backup
          ? {
              href: usersHref({ state: "no_backup" }),
              label: `${tenant.registered - tenant.backup} registered users without a backup key`,
            }
          : null
      }
      empty={tenant.registered ? undefined : "Nobody has registered a hardware key yet."}
      emptyIcon={ShieldCheck}
      table={
        <FigureTable
          caption="Backup coverage"
          head={["Wave", "Registered", "Two or more", "Coverage", "Without backup"]}
          rows={rows.map((r) => ({
            key: r.key,
            cells: [
              `${r.label}${requiresBackup.has(r.key) ? " *" : ""}`,
              r.registered,
              r.backup,
              showPct(pct(r.backup, r.registered)),
              <Count key="n" n={r.registered - r.backup} href={href(r)} />,
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={rows.map((r) => ({
          name: `${r.label}${requiresBackup.has(r.key) ? " *" : ""}`,
          backup: r.backup,
          single: r.registered - r.backup,
          href: href(r),
        }))}
        category="name"
        horizontal
        label="Backup coverage per wave"
        series={[
          { key: "backup", label: "Two or more keys", color: colors.backup, stack: "k" },
          { key: "single", label: "One key only", color: colors.noBackup, stack: "k" },
        ]}
      />
    </ChartPanel>
  );
}

export function ReadinessPanel({
  rows,
  canUsers,
}: {
  rows: {
    waveId: string;
    name: string;
    registrationDeadline: Date;
    enforcementDate: Date | null;
    isPastDeadline: boolean;
    daysToEnforcement: number | null;
    scope: number;
    ready: number;
    notReady: number;
  }[];
  canUsers: boolean;
}) {
  const past = rows.filter((r) => r.isPastDeadline);
  const next = rows
    .filter((r) => !r.isPastDeadline)
    .sort((a, b) => a.registrationDeadline.getTime() - b.registrationDeadline.getTime())[0];
  const notReady = past.reduce((n, r) => n + r.notReady, 0);
  const href = (r: (typeof rows)[number]) =>
    canUsers ? usersHref({ wave: r.waveId, state: "not_ready" }) : null;
  return (
    <ChartPanel
      id="readiness"
      title="Readiness for enforcement"
      description={
        past.length
          ? `${notReady} users in waves past their registration deadline have no phishing-resistant method (no FIDO2 credential, no passkey or Windows Hello in the report).`
          : "Users of a wave past its deadline with no phishing-resistant method."
      }
      exportAs={{ chart: "readiness" }}
      empty={
        past.length
          ? undefined
          : `No wave is past its registration deadline${next ? `; the next is ${next.name} on ${formatDate(next.registrationDeadline)}` : ""}.`
      }
      emptyIcon={ShieldCheck}
      table={
        <FigureTable
          caption="Readiness"
          head={["Wave", "Deadline", "Enforcement", "In scope", "Ready", "Not ready"]}
          rows={rows.map((r) => ({
            key: r.waveId,
            cells: [
              r.name,
              formatDate(r.registrationDeadline),
              r.enforcementDate
                ? `${formatDate(r.enforcementDate)}${r.daysToEnforcement !== null && r.daysToEnforcement > 0 ? ` (in ${r.daysToEnforcement} d)` : ""}`
                : "—",
              r.scope,
              r.ready,
              <Count key="n" n={r.notReady} href={href(r)} />,
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={past.map((r) => ({ name: r.name, ready: r.ready, notReady: r.notReady, href: href(r) }))}
        category="name"
        horizontal
        label="Readiness of waves past their deadline"
        series={[
          { key: "ready", label: "Ready", color: colors.ready, stack: "r" },
          { key: "notReady", label: "No phishing-resistant method", color: colors.notReady, stack: "r" },
        ]}
      />
    </ChartPanel>
  );
}
