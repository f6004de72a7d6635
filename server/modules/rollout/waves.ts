import type { Figure, Wave } from "./rollout.schemas";
import { DAY, startOfDay } from "@/server/lib/time";

// A stored wave as the portal shows it: its source (groups or filter) and where it stands today.

export interface WaveRow {
  id: string;
  name: string;
  groupIds: string[];
  filter: unknown;
  startDate: Date;
  registrationDeadline: Date;
  enforcementDate: Date | null;
  targetPercent: number;
  requiresBackupKey: boolean;
  addedUserIds: string[];
  removedUserIds: string[];
  preferredModel: { id: string; vendor: string; productName: string } | null;
  updatedAt: Date;
  _count: { members: number };
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

export function wavePhase(
  w: Pick<WaveRow, "startDate" | "registrationDeadline" | "enforcementDate">,
  now: Date,
): Wave["phase"] {
  const today = startOfDay(now);
  if (today < startOfDay(w.startDate)) return "planned";
  if (today <= startOfDay(w.registrationDeadline)) return "registering";
  if (w.enforcementDate && today >= startOfDay(w.enforcementDate)) return "enforced";
  return "past_deadline";
}

export function toWave(w: WaveRow, now: Date, registered = 0): Wave {
  const f = (w.filter ?? {}) as Record<string, unknown>;
  const names = (f.groupNames ?? {}) as Record<string, unknown>;
  const source: Wave["source"] = w.groupIds.length
    ? {
        kind: "groups",
        groups: w.groupIds.map((id) => ({
          id,
          name: typeof names[id] === "string" ? (names[id] as string) : id,
        })),
      }
    : { kind: "filter", department: strings(f.department), siteId: strings(f.siteId) };
  return {
    id: w.id,
    name: w.name,
    source,
    startDate: w.startDate,
    registrationDeadline: w.registrationDeadline,
    enforcementDate: w.enforcementDate,
    targetPercent: w.targetPercent,
    requiresBackupKey: w.requiresBackupKey,
    preferredModel: w.preferredModel
      ? { id: w.preferredModel.id, name: `${w.preferredModel.vendor} ${w.preferredModel.productName}` }
      : null,
    members: w._count.members,
    registered,
    addedByHand: w.addedUserIds.length,
    removedByHand: w.removedUserIds.length,
    updatedAt: w.updatedAt,
    phase: wavePhase(w, now),
  };
}

/** Each wave's readiness for enforcement from its figures (the dashboard page reuses the wave figures it has). */
export function readinessRows(waves: Wave[], figures: Figure[], now: Date) {
  const byId = new Map(figures.map((f) => [f.key, f]));
  return waves.map((w) => {
    const f = byId.get(w.id);
    const scope = f?.scope ?? 0;
    const notReady = f?.notReady ?? 0;
    return {
      waveId: w.id,
      name: w.name,
      registrationDeadline: w.registrationDeadline,
      enforcementDate: w.enforcementDate,
      isPastDeadline: w.phase === "past_deadline" || w.phase === "enforced",
      daysToEnforcement: w.enforcementDate
        ? Math.ceil((w.enforcementDate.getTime() - now.getTime()) / DAY)
        : null,
      scope,
      ready: scope - notReady,
      notReady,
    };
  });
}
