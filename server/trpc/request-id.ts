import { randomUUID } from "node:crypto";

// The request id ties a request's audit events and log lines together, so the server always makes
// it: a client-chosen id let one agent's action pass as part of another's request (docs/SECURITY.md).
// A caller's own X-Request-Id is kept apart, only when it is short and plain, for its logs to meet ours.

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface RequestIds {
  /** Server-generated; what audit events and log lines carry. */
  requestId: string;
  /** The caller's X-Request-Id when it is 1–100 letters, digits, `.` `_` `:` `-`; else null. */
  clientRequestId: string | null;
}

export function requestIds(headers: Headers): RequestIds {
  const given = headers.get("x-request-id");
  return { requestId: randomUUID(), clientRequestId: given && CLIENT_REQUEST_ID.test(given) ? given : null };
}
