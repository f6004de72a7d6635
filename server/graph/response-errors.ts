// Graph's error answers as GraphError kinds: the status decides the kind, Graph's own message is kept
// (a 403 names the permission to grant), and Retry-After is read in both of its forms.
import { GraphError, permissionMessage } from "./errors";
import type { WireResponse } from "./transport-types";

export function retryAfterSeconds(headers: Record<string, string> | undefined): number | undefined {
  const raw = headers?.["retry-after"] ?? headers?.["Retry-After"];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

interface GraphErrorBody {
  error?: { code?: string; message?: string; innerError?: Record<string, unknown> };
}

export function errorFromResponse(operation: string, res: WireResponse): GraphError {
  const err = (res.body as GraphErrorBody | undefined)?.error;
  const requestId =
    res.headers["request-id"] ??
    (typeof err?.innerError?.["request-id"] === "string"
      ? (err.innerError["request-id"] as string)
      : undefined);
  const base = { status: res.status, graphCode: err?.code, requestId, operation };
  const graphMessage = err?.message;
  switch (true) {
    case res.status === 400 || res.status === 409 || res.status === 412 || res.status === 422:
      return new GraphError({
        ...base,
        kind: "bad_request",
        message: graphMessage ?? `Graph rejected ${operation} (${res.status})`,
      });
    case res.status === 401:
      return new GraphError({
        ...base,
        kind: "permission",
        message: `Graph did not accept the app's token for ${operation}${graphMessage ? `: ${graphMessage}` : ""}`,
      });
    case res.status === 403:
      return new GraphError({
        ...base,
        kind: "permission",
        message: permissionMessage(operation, graphMessage),
      });
    case res.status === 404:
      return new GraphError({
        ...base,
        kind: "not_found",
        message: graphMessage ?? `Not found in Entra (${operation})`,
      });
    case res.status === 429:
      return new GraphError({
        ...base,
        kind: "throttled",
        message: `Graph is throttling ${operation}; gave up after the allowed retries`,
        retryAfterSeconds: retryAfterSeconds(res.headers),
      });
    default:
      return new GraphError({
        ...base,
        kind: "upstream",
        message: `Graph failed ${operation} (${res.status}${graphMessage ? `: ${graphMessage}` : ""})`,
      });
  }
}
