import { z } from "zod";

const int = z.number().int();
const aaguid = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "Not an AAGUID");
const named = z.object({ aaguid: z.string(), name: z.string() });

export const restrictionsOutput = z.object({
  policyState: z.string(),
  targets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      passkeyTypes: z.string().nullable(),
      isEnforced: z.boolean(),
      enforcementType: z.enum(["allow", "block"]),
      models: z.array(named),
      groups: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  models: z.array(
    z.object({ id: z.string(), name: z.string(), aaguids: z.array(z.string()), credentials: int }),
  ),
});

export const draftInput = z.object({
  targetId: z.string().trim().min(1).max(100),
  isEnforced: z.boolean(),
  enforcementType: z.enum(["allow", "block"]),
  aaguids: z.array(aaguid).max(200, "At most 200 models"),
});

export const previewOutput = z.object({
  target: z.object({ id: z.string(), name: z.string() }),
  blockedModels: z.array(named),
  credentials: z.object({
    total: int,
    people: int,
    freed: int,
    list: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        userPrincipalName: z.string(),
        model: z.string(),
        synced: z.boolean(),
      }),
    ),
  }),
  keys: z.object({
    total: int,
    byModel: z.array(z.object({ model: z.string(), inStock: int, reserved: int, assigned: int })),
    assigned: z.array(
      z.object({
        serial: z.string(),
        status: z.string(),
        site: z.string(),
        model: z.string(),
        holder: z.string().nullable(),
      }),
    ),
  }),
  warnings: z.array(z.string()),
});
