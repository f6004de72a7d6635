import { z } from "zod";
import { BODY_MAX, messageKinds, SUBJECT_MAX } from "./messages.constants";

// Shapes of messages to users at the tRPC boundary (docs/MESSAGES.md). Input and output.

export const messageKind = z.enum(messageKinds, {
  error: "Pick a template: registration reminder, shipped or ready for pickup.",
});

export const messageConfigSchema = z.object({
  mailbox: z
    .string()
    .trim()
    .toLowerCase()
    .email("Enter the sending mailbox as an address, for example keys@contoso.com.")
    .max(254)
    .nullable(),
  dailyCap: z
    .number({ error: "Enter the daily cap as a whole number." })
    .int("Enter the daily cap as a whole number.")
    .min(1, "The daily cap must be at least 1.")
    .max(10_000, "The daily cap can be at most 10,000."),
  reminderDaysBefore: z
    .number({ error: "Enter the days before the deadline as a whole number." })
    .int("Enter the days before the deadline as a whole number.")
    .min(0, "Days before the deadline cannot be negative.")
    .max(60, "Remind at most 60 days before the deadline."),
});
export type MessageConfig = z.infer<typeof messageConfigSchema>;
export const defaultMessageConfig: MessageConfig = { mailbox: null, dailyCap: 200, reminderDaysBefore: 3 };

export const templateInput = z.object({
  kind: messageKind,
  subject: z.string().max(SUBJECT_MAX, `The subject is longer than ${SUBJECT_MAX} characters. Shorten it.`),
  body: z.string().max(BODY_MAX, `The message is longer than ${BODY_MAX} characters. Shorten it.`),
});

export const previewInput = z.object({
  kind: messageKind,
  userId: z.string().min(1, "Pick the person to preview the message for.").max(100),
  /** An unsaved draft to preview instead of the saved template. */
  draft: z.object({ subject: z.string().max(SUBJECT_MAX), body: z.string().max(BODY_MAX) }).optional(),
});

export const optOutInput = z.object({
  person: z
    .string()
    .trim()
    .min(3, "Enter the person's sign-in name or mail address.")
    .max(254, "Enter the person's sign-in name or mail address."),
  reason: z.string().trim().max(200, "Keep the reason under 200 characters.").optional(),
});
export const optOutRemoveInput = z.object({ userId: z.string().min(1).max(100) });
export const logInput = z.object({ take: z.number().int().min(1).max(500).default(100) });

const person = z.object({ id: z.string(), displayName: z.string(), userPrincipalName: z.string() });

export const overviewOutput = z.object({
  config: messageConfigSchema,
  problem: z.string().nullable(),
  sentToday: z.number(),
  templates: z.array(
    z.object({
      kind: messageKind,
      label: z.string(),
      subject: z.string(),
      body: z.string(),
      isDefault: z.boolean(),
      updatedAt: z.date().nullable(),
    }),
  ),
});

export const previewOutput = z.object({
  to: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  willSend: z.boolean(),
  /** Why this person would not get it (opted out, no mail address, disabled, already today). */
  reason: z.string().nullable(),
});

export const planOutput = z.object({
  problem: z.string().nullable(),
  /** Members past (or within the window of) a deadline without a key. */
  eligible: z.number(),
  optedOut: z.number(),
  noMail: z.number(),
  alreadyToday: z.number(),
  capRemaining: z.number(),
  willSend: z.number(),
  leftByCap: z.number(),
  recipients: z.array(person.extend({ waveName: z.string() })),
});

export const runOutput = z.object({
  sent: z.number(),
  failed: z.number(),
  leftByCap: z.number(),
  skipped: z.number(),
});

export const optOutsOutput = z.array(person.extend({ reason: z.string().nullable(), addedAt: z.date() }));

export const logOutput = z.array(
  z.object({
    id: z.string(),
    kind: z.string(),
    label: z.string(),
    at: z.date(),
    result: z.string(),
    error: z.string().nullable(),
    recipient: z.string(),
    by: z.string(),
  }),
);
