import { z } from "zod";
import { adoptionDimensions, DEFAULT_STALE_DAYS } from "./rollout.constants";

const id = z.string().trim().min(1).max(100);
const int = z.number().int();
const nInt = int.nullable();
const nDate = z.date().nullable();

// ─── Waves ───
const groupsSource = z.object({
  kind: z.literal("groups"),
  groups: z
    .array(z.object({ id, name: z.string().trim().max(256) }))
    .min(1, "Pick at least one Entra group")
    .max(10, "At most 10 groups"),
});
const filterSource = z.object({
  kind: z.literal("filter"),
  department: z.array(z.string().trim().min(1).max(100)).max(50),
  siteId: z.array(id).max(50),
});
export const waveSource = z.discriminatedUnion("kind", [
  groupsSource,
  filterSource.refine((f) => f.department.length + f.siteId.length > 0, {
    message: "Pick at least one department or site",
    path: ["department"],
  }),
]);
/** As stored: a wave whose groups or filter were emptied is a valid, empty wave. */
const storedSource = z.discriminatedUnion("kind", [
  groupsSource.extend({ groups: z.array(z.object({ id: z.string(), name: z.string() })) }),
  filterSource,
]);
export type WaveSource = z.infer<typeof waveSource>;

const waveFields = z.object({
  name: z.string().trim().min(1, "Name the wave").max(80),
  source: waveSource,
  startDate: z.date({ error: "Pick the start date" }),
  registrationDeadline: z.date({ error: "Pick the registration deadline" }),
  enforcementDate: z.date({ error: "Not a date" }).nullable(),
  targetPercent: z
    .number({ error: "A percentage from 1 to 100" })
    .int("A whole percentage")
    .min(1, "At least 1 %")
    .max(100, "At most 100 %"),
  requiresBackupKey: z.boolean(),
  /** The model auto-assign hands out to this wave (null: any model at the person's site). */
  preferredModelId: id.nullable().default(null),
});
const datesInOrder = <T extends z.infer<typeof waveFields>>(s: z.ZodType<T>) =>
  s
    .refine((w) => w.registrationDeadline >= w.startDate, {
      message: "The deadline cannot be before the start",
      path: ["registrationDeadline"],
    })
    .refine((w) => !w.enforcementDate || w.enforcementDate >= w.registrationDeadline, {
      message: "Enforce on or after the deadline",
      path: ["enforcementDate"],
    });

export const waveInput = datesInOrder(waveFields);
export const waveUpdateInput = datesInOrder(waveFields.extend({ id, updatedAt: z.date() }));
export const waveIdInput = z.object({ id });
export type WaveInput = z.infer<typeof waveInput>;
export type WaveUpdateInput = z.infer<typeof waveUpdateInput>;

export const waveOutput = z.object({
  id: z.string(),
  name: z.string(),
  source: storedSource,
  startDate: z.date(),
  registrationDeadline: z.date(),
  enforcementDate: nDate,
  targetPercent: int,
  requiresBackupKey: z.boolean(),
  preferredModel: z.object({ id: z.string(), name: z.string() }).nullable(),
  members: int,
  /** Members holding a live FIDO2 credential: progress = registered / members. */
  registered: int,
  /** People added or taken out by hand (kept through every membership refresh). */
  addedByHand: int,
  removedByHand: int,
  updatedAt: z.date(),
  phase: z.enum(["planned", "registering", "past_deadline", "enforced"]),
});
export type Wave = z.infer<typeof waveOutput>;
export const wavesOutput = z.array(waveOutput);
export const waveSavedOutput = z.object({ id: z.string(), members: int, membersPending: z.boolean() });

export const groupSearchInput = z.object({ q: z.string().trim().max(100).default("") });
export const groupSearchOutput = z.array(
  z.object({ id: z.string(), name: z.string(), description: z.string().nullable() }),
);
export const filterChoicesOutput = z.object({
  departments: z.array(z.object({ name: z.string(), users: int })),
  sites: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  /** For a wave's preferred model. */
  models: z.array(z.object({ id: z.string(), name: z.string() })),
});

// ─── Single members ───
export const waveMemberInput = z.object({ waveId: id, userId: id });
export const waveMemberChanged = z.object({ waveId: z.string(), userId: z.string(), changed: z.boolean() });
export const waveMembersInput = z.object({
  waveId: id,
  q: z.string().trim().max(100).default(""),
  page: z.number().int().min(1).max(10_000).default(1),
});
export const waveMembersOutput = z.object({
  total: int,
  page: int,
  pageSize: int,
  rows: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      registered: z.boolean(),
      byHand: z.boolean(),
    }),
  ),
  removed: z.array(z.object({ userId: z.string(), displayName: z.string(), userPrincipalName: z.string() })),
});

// ─── Figures ───
export const figureRow = z.object({
  key: z.string(),
  label: z.string(),
  target: nInt,
  scope: int,
  assigned: int,
  registered: int,
  assignedUnregistered: int,
  used: int,
  backup: int,
  passwordless: int,
  notReady: int,
});
export type Figure = z.infer<typeof figureRow>;
export const adoptionInput = z.object({ by: z.enum(adoptionDimensions).default("wave") });
export const adoptionOutput = z.object({
  by: z.enum(adoptionDimensions),
  rows: z.array(figureRow),
  tenant: figureRow,
  computedAt: z.date(),
});

export const registrationTimesInput = z.object({ waveId: id.optional() });
export const registrationTimesOutput = z.object({
  buckets: z.array(z.object({ key: z.string(), label: z.string(), users: int })),
  registered: int,
  waiting: int,
  medianDays: nInt,
  p90Days: nInt,
});

export const readinessOutput = z.array(
  z.object({
    waveId: z.string(),
    name: z.string(),
    registrationDeadline: z.date(),
    enforcementDate: nDate,
    isPastDeadline: z.boolean(),
    daysToEnforcement: nInt,
    scope: int,
    ready: int,
    notReady: int,
  }),
);

export const stockOutput = z.object({
  horizonDays: int,
  lossPerKeyPerYear: z.number(),
  sites: z.array(
    z.object({
      siteId: z.string(),
      site: z.string(),
      inStock: int,
      onOrder: int,
      waveDemand: int,
      replacementDemand: int,
      recommended: int,
      isLate: z.boolean(),
    }),
  ),
});

export const incidentsOutput = z.object({
  keysInService: int,
  weeks: z.array(z.object({ week: z.date(), lostCases: int, taps: int, lostPer1000Keys: z.number() })),
});

const mix = { phishingResistant: int, password: int, other: int, total: int, share: z.number().nullable() };
export const signInMixOutput = z.object({
  windowDays: int,
  through: nDate,
  isSampled: z.boolean(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), ...mix })),
  weeks: z.array(z.object({ week: z.date(), ...mix })),
});

export const hygieneInput = z.object({ staleDays: int.min(7).max(730).default(DEFAULT_STALE_DAYS) });
export const hygieneOutput = z.object({
  staleDays: int,
  liveCredentials: int,
  policyRestricts: z.boolean(),
  rows: z.array(
    z.object({
      key: z.enum(["cred_not_procured", "cred_not_allowed", "cred_personal", "cred_stale"]),
      label: z.string(),
      credentials: int,
      users: int,
    }),
  ),
});

export const trendDimensions = ["tenant", "wave", "department", "site"] as const;
export const trendsInput = z.object({
  dimension: z.enum(trendDimensions).default("tenant"),
  key: z.string().trim().min(1).max(100).default("all"),
});
export const trendsOutput = z.array(
  z.object({
    date: z.date(),
    scope: int,
    registered: int,
    backup: int,
    active: int,
    keysInStock: int,
    registeredPct: z.number().nullable(),
    backupPct: z.number().nullable(),
    activePct: z.number().nullable(),
  }),
);

export const freshnessOutput = z.object({
  lastSync: z
    .object({ id: z.string(), kind: z.string(), status: z.string(), finishedAt: z.date() })
    .nullable(),
  reportUpdatedAt: nDate,
  snapshotDay: nDate,
  signInsThrough: nDate,
  figuresAt: nDate,
});
export const latestSyncOutput = z.object({ runId: z.string().nullable(), finishedAt: nDate });

export const exportInput = z.discriminatedUnion("chart", [
  z.object({ chart: z.literal("adoption"), by: z.enum(adoptionDimensions) }),
  z.object({
    chart: z.literal("trends"),
    dimension: z.enum(trendDimensions),
    key: z.string().trim().min(1).max(100),
  }),
  z.object({ chart: z.literal("registration-times"), waveId: id.optional() }),
  z.object({ chart: z.literal("hygiene"), staleDays: int.min(7).max(730) }),
  z.object({ chart: z.enum(["waves", "funnel", "backup", "readiness", "stock", "incidents", "sign-ins"]) }),
]);
export type ExportInput = z.infer<typeof exportInput>;
