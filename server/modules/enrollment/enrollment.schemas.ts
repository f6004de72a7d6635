import { z } from "zod";

const id = z.string().min(1).max(64);
const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "Not base64url");
const handover = z.enum(["in_person", "shipped"]);
/** Read back from the database, whose handover methods also include an assignment's "pickup" (never enrolled here). */
const storedHandover = z.enum(["in_person", "shipped", "pickup"]);

export const createQueueInput = z.discriminatedUnion("source", [
  z.object({ source: z.literal("wave"), waveId: id, handover }),
  z.object({ source: z.literal("site"), siteId: id, handover }),
  z.object({ source: z.literal("csv"), upns: z.array(z.string().max(256)).min(1).max(2000), handover }),
  z.object({ source: z.literal("single"), userId: id, handover }),
]);
export const createQueueOutput = z.object({
  batchId: z.string(),
  people: z.number().int(),
  unknown: z.array(z.string()),
});

const progress = {
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  pending: z.number().int(),
};
/** A queue as the list and the queue page both show it. */
const batchFields = {
  id: z.string(),
  name: z.string(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
  ...progress,
};
export const queuesOutput = z.array(z.object(batchFields));

const status = z.enum([
  "queued",
  "started",
  "posting",
  "enrolled",
  "failed",
  "skipped",
  "watching",
  "handed_over",
]);
export const queueInput = z.object({ batchId: id });
export const queueOutput = z.object({
  ...batchFields,
  items: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      status,
      userId: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      serial: z.string().nullable(),
      model: z.string().nullable(),
      supportsForcedPinChange: z.boolean(),
      handover: storedHandover.nullable(),
      challengeExpiresAt: z.date().nullable(),
      enrolledAt: z.date().nullable(),
      enrolledBy: z.string().nullable(),
      message: z.string().nullable(),
      /** Handed over with a pass: when the pass expires and until when the desk watches (never the pass). */
      passExpiresAt: z.date().nullable(),
      watchUntil: z.date().nullable(),
    }),
  ),
});

export const sourcesOutput = z.object({
  waves: z.array(z.object({ id: z.string(), name: z.string() })),
  sites: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const startInput = z.object({
  itemId: id,
  serial: z.string().trim().min(1, "Scan or type the key's serial").max(64),
  handover,
});
export const startOutput = z.object({
  itemId: z.string(),
  // Graph's creation options, passed to the browser as they came (base64url fields stay strings).
  options: z.object({
    challengeTimeoutDateTime: z.string().optional(),
    publicKey: z.object({
      rp: z.object({ id: z.string().optional(), name: z.string().optional() }),
      user: z.object({ id: z.string(), displayName: z.string().optional(), name: z.string().optional() }),
      challenge: z.string(),
      pubKeyCredParams: z.array(z.object({ type: z.string(), alg: z.number() })),
      timeout: z.number().optional(),
      excludeCredentials: z
        .array(z.object({ type: z.string(), id: z.string(), transports: z.array(z.string()).optional() }))
        .optional(),
      authenticatorSelection: z
        .object({
          authenticatorAttachment: z.string().optional(),
          requireResidentKey: z.boolean().optional(),
          userVerification: z.string().optional(),
        })
        .optional(),
      attestation: z.string().optional(),
      extensions: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  challengeTimeoutDateTime: z.string(),
  notes: z.array(z.string()),
  attestationRequired: z.boolean(),
  user: z.object({ displayName: z.string(), userPrincipalName: z.string() }),
  key: z.object({ serial: z.string(), model: z.string(), supportsForcedPinChange: z.boolean() }),
});

export const completeInput = z.object({
  itemId: id,
  /** What the key answered; absent when finishing after a crash (KeyFleet looks in Entra instead). */
  credential: z
    .object({
      id: b64url(1024),
      response: z.object({ clientDataJSON: b64url(8192), attestationObject: b64url(65536) }),
      clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
    })
    .nullish(),
});
export const completeOutput = z.object({
  itemId: z.string(),
  status: z.literal("enrolled"),
  serial: z.string(),
  methodId: z.string(),
  handover: storedHandover,
});

export const skipInput = z.object({ itemId: id, reason: z.string().max(200).optional() });
export const skipOutput = z.object({ itemId: z.string(), status: z.literal("skipped") });
export const sheetOutput = z.object({ filename: z.string(), csv: z.string() });
export const linkShareOutput = z.object({
  enrolled: z.number().int(),
  confirmed: z.number().int(),
  inferred: z.number().int(),
});

// ─── Handover with a pass ───
export const issuePassInput = z.object({
  itemId: id,
  serial: z.string().trim().min(1, "Scan or type the key's serial").max(64),
});
export const issuePassOutput = z.object({
  itemId: z.string(),
  /** Shown once on the handover screen; stored, logged and audited nowhere. */
  temporaryAccessPass: z.string(),
  expiresAt: z.date(),
  lifetimeInMinutes: z.number().int(),
  isUsableOnce: z.boolean(),
  watchUntil: z.date(),
  user: z.object({ displayName: z.string(), userPrincipalName: z.string() }),
  key: z.object({ serial: z.string(), model: z.string() }),
});
export const itemInput = z.object({ itemId: id });
export const watchOutput = z.object({
  itemId: z.string(),
  state: z.enum(["watching", "linked", "ended"]),
  /** Entra was read this time (false: too soon after the last read, or Entra was busy). */
  read: z.boolean(),
  note: z.string().nullable(),
  watchUntil: z.date().nullable(),
  candidates: z.array(
    z.object({
      methodId: z.string(),
      model: z.string().nullable(),
      displayName: z.string().nullable(),
      createdAt: z.date().nullable(),
      matchesKey: z.boolean(),
    }),
  ),
});
export const confirmInput = z.object({ itemId: id, methodId: z.string().trim().min(1).max(256) });
export const confirmOutput = z.object({
  itemId: z.string(),
  status: z.literal("enrolled"),
  serial: z.string(),
  methodId: z.string(),
});
export const endWatchOutput = z.object({ itemId: z.string(), status: z.literal("handed_over") });
