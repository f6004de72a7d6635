import { z } from "zod";
import { keyFields } from "@/server/modules/inventory/key-fields.schemas";

/** A FIDO2 credential as Entra describes it, the fields every page that lists a user's credentials shows. */
export const credentialFields = {
  id: z.string(),
  methodId: z.string(),
  displayName: z.string().nullable(),
  model: z.string().nullable(),
  aaguid: z.string(),
  createdDateTime: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
};

// The match review queue: credentials inference could not link to one key on its own.

const id = z.string().trim().min(1, "Choose a review and a key.").max(200);

export const reviewQueueInput = z
  .object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ page: 1, pageSize: 20 });

export const reviewQueueOutput = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      createdAt: z.date(),
      credential: z.object({
        id: z.string(),
        model: z.string().nullable(),
        displayName: z.string().nullable(),
        createdDateTime: z.date().nullable(),
      }),
      user: z.object({ id: z.string(), displayName: z.string(), userPrincipalName: z.string() }),
      /** The keys the credential could be, as they are now (a key may have moved since the review was queued). */
      candidates: z.array(z.object(keyFields)),
    }),
  ),
});

export const reviewConfirmInput = z.object({ reviewId: id, keyId: id });
export const reviewConfirmOutput = z.object({ credentialId: z.string(), keyId: z.string() });
export const reviewRejectInput = z.object({ reviewId: id });
export const reviewRejectOutput = z.object({ reviewId: z.string() });
