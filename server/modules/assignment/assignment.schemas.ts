import { z } from "zod";
import { keyFields } from "@/server/modules/inventory/key-fields.schemas";
import { keyStatuses } from "@/server/modules/inventory/key-statuses.constants";

const id = z.string().trim().min(1).max(100);
const version = z.number().int().min(0).optional();
const keyRef = z.object({ keyId: id, version });
const note = (max: number) => z.string().trim().min(1).max(max);

export const assignInput = z.object({
  userId: id,
  keys: z
    .array(keyRef.extend({ kind: z.enum(["primary", "backup"]) }))
    .min(1, "Pick at least one key")
    .max(5),
  handover: z.object({
    method: z.enum(["in_person", "shipped", "pickup"]),
    confirmedById: id.nullish(),
    at: z.date().nullish(),
  }),
  shipping: z
    .object({ shippedAt: z.date().nullish(), carrierRef: z.string().trim().max(100).nullish() })
    .nullish(),
});
export const assignOutput = z.array(
  z.object({ keyId: z.string(), serial: z.string(), assignmentId: z.string(), kind: z.string() }),
);

export const shipmentInput = z.object({
  assignmentId: id,
  carrierRef: z
    .string()
    .trim()
    .min(1, "Enter the carrier and its tracking reference")
    .max(100, "At most 100 characters"),
  shippedAt: z.date().optional(),
});
export const deliveredInput = z.object({ assignmentId: id, deliveredAt: z.date().optional() });
export const readyForPickupInput = z.object({ assignmentId: id });
export const assignmentRefOutput = z.object({ assignmentId: z.string() });

export const returnInput = keyRef.extend({
  condition: note(200),
  reason: z.string().trim().max(200).optional(),
});
export const wipeInput = keyRef;
export const retireInput = keyRef.extend({ reason: note(500), isDestroyed: z.boolean().optional() });
export const markInput = keyRef.extend({
  status: z.enum(["lost", "stolen", "damaged"]),
  reason: z.string().trim().max(500).optional(),
});
export const reserveInput = keyRef.extend({ userId: id, caseId: id.optional() });
export const collectInput = keyRef.extend({ condition: note(200), isWiped: z.boolean().default(true) });
export const moveOutput = z.object({ keyId: z.string(), status: z.enum(keyStatuses) });

export const stockInput = z.object({
  userId: id,
  siteId: id.optional(),
  q: z.string().trim().max(64).optional(),
});
export const stockOutput = z.object({
  siteId: z.string().nullable(),
  userSiteId: z.string().nullable(),
  sites: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  keys: z.array(z.object({ ...keyFields, site: z.string(), version: z.number().int() })),
});

export const wavesOutput = z.array(
  z.object({ id: z.string(), name: z.string(), startDate: z.date(), members: z.number().int() }),
);
export const wavePreviewInput = z.object({ waveId: id });
export const wavePreviewOutput = z.object({
  /** preferredModel: the only model auto-assign hands out for this wave (null: any model at the site). */
  wave: z.object({ id: z.string(), name: z.string(), preferredModel: z.string().nullable() }),
  /** In words, when the preferred model ran out at a site (never mixed with other models silently). */
  warnings: z.array(z.string()),
  rows: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      site: z.string().nullable(),
      key: z
        .object({ id: z.string(), serial: z.string(), model: z.string(), version: z.number().int() })
        .nullable(),
      reason: z.string().nullable(),
    }),
  ),
  assignable: z.number().int(),
  short: z.number().int(),
});
export const waveConfirmInput = z.object({
  waveId: id,
  handover: z.enum(["in_person", "shipped"]),
  items: z
    .array(z.object({ userId: id, keyId: id, version: z.number().int().min(0) }))
    .min(1)
    .max(500),
});

const assignedRow = z.object({
  assignmentId: z.string(),
  kind: z.string(),
  assignedAt: z.date(),
  handover: z.string().nullable(),
  shippedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  daysSince: z.number().int(),
  keyId: z.string(),
  serial: z.string(),
  model: z.string(),
  site: z.string(),
  userId: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
});
/** One page of a work list: its rows and how many there are in all. */
const listPage = <T extends z.ZodTypeAny>(row: T) =>
  z.object({ items: z.array(row), total: z.number().int() });
const pageNumber = z.number().int().min(1).max(100_000);
export const listPageInput = z
  .object({ page: pageNumber.default(1), pageSize: z.number().int().min(1).max(100).default(10) })
  .default({ page: 1, pageSize: 10 });
export const reconciliationInput = z
  .object({
    pages: z
      .object({
        neverRegistered: pageNumber.optional(),
        withoutKey: pageNumber.optional(),
        stock: pageNumber.optional(),
        leavers: pageNumber.optional(),
      })
      .default({}),
    pageSize: z.number().int().min(1).max(100).default(10),
  })
  .default({ pages: {}, pageSize: 10 });
export const followUpsOutput = listPage(assignedRow).extend({ days: z.number().int() });
export const reconciliationOutput = z.object({
  assignedNeverRegistered: listPage(assignedRow),
  credentialsWithoutKey: listPage(
    z.object({
      credentialId: z.string(),
      methodId: z.string(),
      aaguid: z.string(),
      model: z.string().nullable(),
      displayName: z.string().nullable(),
      createdDateTime: z.date().nullable(),
      isUnknownModel: z.boolean(),
      userId: z.string(),
      user: z.string(),
      userPrincipalName: z.string(),
      /** By the built-in catalogue (docs/CATALOG.md). */
      kind: z.enum(["hardware", "platform", "synced", "authenticator-app", "unknown"]),
    }),
  ),
  stockWithLiveCredential: listPage(
    z.object({
      keyId: z.string(),
      serial: z.string(),
      status: z.enum(keyStatuses),
      site: z.string(),
      model: z.string(),
      credentialId: z.string(),
      lastUsedAt: z.date().nullable(),
      userId: z.string(),
      user: z.string(),
    }),
  ),
  leaversWithLiveCredentials: listPage(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      state: z.string(),
      liveCredentials: z.number().int(),
    }),
  ),
});

export const returnedKeysOutput = listPage(
  z.object({
    keyId: z.string(),
    serial: z.string(),
    version: z.number().int(),
    since: z.date(),
    site: z.string(),
    model: z.string(),
    condition: z.string().nullable(),
    fromUserId: z.string().nullable(),
    fromUser: z.string().nullable(),
  }),
);
export const offboardingOutput = z.array(
  z.object({
    userId: z.string(),
    displayName: z.string(),
    userPrincipalName: z.string(),
    department: z.string().nullable(),
    site: z.string().nullable(),
    state: z.enum(["disabled", "deleted"]),
    since: z.date(),
    caseNumbers: z.array(z.number().int()),
    keys: z.array(z.object({ ...keyFields, version: z.number().int() })),
    credentials: z.array(
      z.object({
        id: z.string(),
        methodId: z.string(),
        displayName: z.string().nullable(),
        model: z.string().nullable(),
        createdDateTime: z.date().nullable(),
        keySerial: z.string().nullable(),
      }),
    ),
  }),
);
export const deleteCredentialInput = z.object({ credentialId: id });
export const deleteCredentialOutput = z.object({
  credentialId: z.string(),
  alreadyGone: z.boolean(),
  closedCases: z.array(z.number().int()),
});
