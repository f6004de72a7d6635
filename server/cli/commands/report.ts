import { buildServices } from "../../container";
import { getDb } from "../../db/client";
import type { Figure } from "../../modules/rollout/rollout.schemas";
import { defineCommand } from "../registry";

// `report adoption`: the rollout's headline figures per wave, as the dashboards show them.

export interface AdoptionLine {
  wave: string;
  phase: string;
  target: number | null;
  inScope: number;
  registered: number;
  registeredPercent: number | null;
  used: number;
  withBackup: number;
  notReady: number;
  phishingResistantSignIns: number | null;
}

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
const cell = (v: number | null, suffix = "") => (v === null ? "—" : `${v.toLocaleString("en-GB")}${suffix}`);

export function adoptionLine(f: Figure, phase: string, share: number | null): AdoptionLine {
  return {
    wave: f.label,
    phase,
    target: f.target,
    inScope: f.scope,
    registered: f.registered,
    registeredPercent: pct(f.registered, f.scope),
    used: f.used,
    withBackup: f.backup,
    notReady: f.notReady,
    phishingResistantSignIns: share,
  };
}

/** A fixed-width table for a terminal. */
export function adoptionTable(lines: AdoptionLine[]): string {
  const head = [
    "Wave",
    "Phase",
    "Target",
    "In scope",
    "Registered",
    "Used 30 d",
    "2+ keys",
    "Not ready",
    "PR sign-ins",
  ];
  const rows = lines.map((l) => [
    l.wave,
    l.phase,
    cell(l.target, "%"),
    cell(l.inScope),
    `${cell(l.registered)} (${cell(l.registeredPercent, "%")})`,
    cell(l.used),
    cell(l.withBackup),
    cell(l.notReady),
    cell(l.phishingResistantSignIns, "%"),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

export const reportAdoption = defineCommand({
  name: "report adoption",
  summary:
    "the rollout's headline figures per wave: in scope, registered, used, backup keys, not ready, sign-in mix",
  async run() {
    const db = await getDb();
    const { dashboard, waves } = buildServices({ prisma: db.prisma }).rollout;
    const [adoption, list, mix] = await Promise.all([
      dashboard.adoption("wave"),
      waves.listWaves(),
      dashboard.signInMix(),
    ]);
    const phase = new Map(list.map((w) => [w.id, w.phase.replace("_", " ")]));
    const share = new Map(mix.rows.map((r) => [r.key, r.share]));
    const lines = [
      ...adoption.rows.map((f) => adoptionLine(f, phase.get(f.key) ?? "", share.get(f.key) ?? null)),
      adoptionLine(adoption.tenant, "", share.get("all") ?? null),
    ];
    const text =
      lines.length > 1
        ? `${adoptionTable(lines)}\n\nIn scope: enabled members. Used: a hardware key used in 30 days. Not ready: no phishing-resistant method. PR sign-ins: last ${mix.windowDays} days.`
        : "No rollout waves yet. Plan one under Rollout → Waves.";
    return { data: { waves: lines.slice(0, -1), everyone: lines.at(-1) }, text };
  },
});
