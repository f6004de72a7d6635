import { z } from "zod";
import { draftInput, previewOutput } from "./restrictions.schemas";

// Key-restriction changes with four eyes (docs/SECURITY-LEAD.md): ask, then another admin approves or rejects.

const id = z.string().trim().min(1).max(64);

export const requestChangeInput = draftInput.extend({
  reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
});
export const changeIdInput = z.object({ id });
export const approveChangeInput = z.object({
  id,
  note: z.string().trim().max(500, "Keep the note under 500 characters").optional(),
});
export const rejectChangeInput = z.object({
  id,
  note: z
    .string()
    .trim()
    .min(5, "Say why you reject it (at least 5 characters): the person who asked reads it")
    .max(500, "Keep the note under 500 characters"),
});

export const changeRow = z.object({
  id: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  target: z.object({ id: z.string(), name: z.string() }),
  isEnforced: z.boolean(),
  enforcementType: z.enum(["allow", "block"]),
  aaguids: z.array(z.string()),
  reason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  mine: z.boolean(),
  canDecide: z.boolean(),
});

export const changesOutput = z.array(changeRow);
export const changeOutput = z.object({
  change: changeRow,
  preview: previewOutput.nullable(),
  previewProblem: z.string().nullable(),
});
export const changeDecidedOutput = z.object({ id: z.string(), status: z.enum(["applied", "rejected"]) });
