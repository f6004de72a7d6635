import { z } from "zod";

const int = z.number().int();
export const readinessStatuses = [
  "covered_ready",
  "covered_not_ready",
  "ready_not_covered",
  "not_ready_not_covered",
] as const;
const policyState = z.enum(["enabled", "report_only", "disabled"]);

const policyBase = z.object({
  id: z.string(),
  name: z.string(),
  state: policyState,
  strengthName: z.string().nullable(),
  restrictsModels: z.boolean(),
  hasRoleScope: z.boolean(),
});

const waveSummary = z.object({
  waveId: z.string(),
  name: z.string(),
  phase: z.enum(["planned", "registering", "past_deadline", "enforced"]),
  registrationDeadline: z.date(),
  enforcementDate: z.date().nullable(),
  daysToEnforcement: int.nullable(),
  members: int,
  coveredReady: int,
  coveredNotReady: int,
  readyNotCovered: int,
  notReadyNotCovered: int,
  reportOnly: int,
  notReady: int,
  policies: z.array(policyBase.extend({ members: int })),
});

export const readinessOverviewOutput = z.object({
  waves: z.array(waveSummary),
  policies: z.array(policyBase.extend({ requiresPhishingResistant: z.boolean() })),
});

export const readinessWaveInput = z.object({
  waveId: z.string().trim().min(1).max(100),
  status: z.enum([...readinessStatuses, "would_lock_out"]).optional(),
  page: int.min(1).max(10_000).default(1),
  pageSize: int.min(10).max(200).default(50),
});

export const readinessWaveOutput = z.object({
  summary: waveSummary,
  total: int,
  page: int,
  pageSize: int,
  members: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      department: z.string().nullable(),
      status: z.enum(readinessStatuses),
      coverage: z.enum(["enforced", "report_only", "none"]),
      ready: z.boolean(),
      models: z.array(z.string()),
      policies: z.array(z.string()),
    }),
  ),
});
