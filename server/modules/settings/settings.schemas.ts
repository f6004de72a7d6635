import { z } from "zod";

export const settingsStatusOutput = z.object({
  version: z.string(),
  isDemo: z.boolean(),
  database: z.object({
    kind: z.enum(["pglite", "postgresql"]),
    isReachable: z.boolean(),
    /** Where it lives, without credentials: the data directory, or host/database of the URL. */
    location: z.string(),
    migrationsApplied: z.number().int().nullable(),
  }),
  graph: z.object({
    mode: z.enum(["simulated", "entra", "unconfigured"]),
    baseUrl: z.string(),
    tenantId: z.string().nullable(),
  }),
  signIn: z.object({
    kind: z.enum(["demo", "oidc"]),
    /** Issuer URL of the identity provider (no secret). */
    issuer: z.string().nullable(),
    name: z.string(),
  }),
});
export type SettingsStatus = z.infer<typeof settingsStatusOutput>;
