import { z } from "zod";

export const permissionCheckOutput = z.object({
  connected: z.boolean(),
  /** One sentence when there is no tenant to check. */
  message: z.string().nullable(),
  checks: z.array(
    z.object({
      id: z.string(),
      feature: z.string(),
      permission: z.string(),
      alternatives: z.array(z.string()),
      call: z.string(),
      status: z.enum(["granted", "missing", "failed", "not_checked", "skipped", "too_broad"]),
      detail: z.string(),
    }),
  ),
  /** The exact names of the permissions found missing, for the admin to grant. */
  missing: z.array(z.string()),
});

export const proposedSitesOutput = z.array(
  z.object({
    officeLocation: z.string(),
    users: z.number().int(),
    /** The site users of this office already belong to, or null with a proposed code and name. */
    siteId: z.string().nullable(),
    siteCode: z.string().nullable(),
    proposedCode: z.string().nullable(),
    proposedName: z.string().nullable(),
  }),
);

export const catalogueMappingOutput = z.object({
  rows: z.array(
    z.object({
      aaguid: z.string(),
      name: z.string(),
      kind: z.enum(["hardware", "platform", "synced", "authenticator-app", "unknown"]),
      inCatalogue: z.boolean(),
      credentials: z.number().int(),
      users: z.number().int(),
    }),
  ),
  totals: z.object({
    credentials: z.number().int(),
    catalogued: z.number().int(),
    unknownAaguids: z.number().int(),
  }),
  catalogue: z.object({ builtAt: z.string(), entries: z.number().int() }),
});
