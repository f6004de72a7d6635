import { rejection } from "@/server/lib/rejection.testing";
import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";

// Shared by the assignment integration tests: two helpdesk agents and the refusal they get.

export const NOW = new Date("2026-03-01T09:00:00Z");
export const agent: RequestContext = {
  actor: { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] },
  requestId: "req-1",
};
export const agent2: RequestContext = {
  actor: { id: "agent-2", name: "Bo Agent", email: null, roles: ["helpdesk"] },
  requestId: "req-2",
};

/** The AppError a call was refused with (the test fails if it succeeded or threw anything else). */
export const refusal = (p: Promise<unknown>): Promise<AppError> => rejection(p, AppError);
