import { z } from "zod";
import { verificationMethods } from "@/server/modules/cases/cases.schemas";

// The helpdesk's recovery policy, stored as one typed setting. Strength is a simple 1–5 scale the admin
// assigns per method; a case needs one piece of evidence at least as strong as the required level.

const strength = z.number().int().min(1).max(5);
const minutes = z.number().int().min(10).max(43_200);

export const recoveryPolicySchema = z
  .object({
    methods: z
      .array(z.object({ method: z.enum(verificationMethods), isAllowed: z.boolean(), strength }))
      .length(verificationMethods.length)
      .refine((ms) => new Set(ms.map((m) => m.method)).size === ms.length, "Each method once"),
    requiredStrength: strength,
    /** Privileged users need a stronger method (and always a second agent's approval). */
    privilegedRequiredStrength: strength,
    tap: z.object({
      /** Clamped into the tenant's TAP policy range when used. */
      defaultLifetimeInMinutes: minutes,
      /** Forgotten key: a short pass. */
      forgottenLifetimeInMinutes: minutes,
      isUsableOnceByDefault: z.boolean(),
      /** TAPs one agent may issue per rolling hour before a second approver is needed. */
      capPerAgentPerHour: z.number().int().min(1).max(1000),
    }),
  })
  .refine((p) => p.privilegedRequiredStrength >= p.requiredStrength, {
    message: "Privileged users cannot need a weaker method than everyone else",
    path: ["privilegedRequiredStrength"],
  });

export type RecoveryPolicy = z.infer<typeof recoveryPolicySchema>;

export const defaultRecoveryPolicy: RecoveryPolicy = {
  methods: [
    { method: "callback", isAllowed: true, strength: 2 },
    { method: "manager_confirmation", isAllowed: true, strength: 2 },
    { method: "video_id", isAllowed: true, strength: 3 },
    { method: "in_person", isAllowed: true, strength: 4 },
  ],
  requiredStrength: 2,
  privilegedRequiredStrength: 3,
  tap: {
    defaultLifetimeInMinutes: 60,
    forgottenLifetimeInMinutes: 60,
    isUsableOnceByDefault: true,
    capPerAgentPerHour: 5,
  },
};
