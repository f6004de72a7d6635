// "The database is not there right now" (PostgreSQL restarting, a failover, the network) as opposed to a
// bug: the first is told to the user plainly and passes by itself — the pg pool opens new connections
// once the server answers again — the second is an internal error with a request id.

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is unavailable right now. KeyFleet reconnects by itself as soon as it is back; nothing was changed. Try again in a minute.";

// Prisma's codes for an unreachable server, a timed-out connection, a closed connection, an empty pool.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// Driver-adapter error kinds for the same.
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);
// SQLSTATE: class 08 (connection exception); 57P01-57P03 (shutdown, crash, "the database system is starting up"); 53300 too many connections.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

type Loose = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
};

/** True when `error` (or anything in its cause chain) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const e = error as Loose;
  const code = typeof e.code === "string" ? e.code : "";
  if (PRISMA_CODES.has(code) || ERRNO.has(code) || SQLSTATE.test(code)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  // node-postgres reports a connection dropped mid-query with this message and no code.
  if (typeof e.message === "string" && /^Connection terminated/.test(e.message)) return true;
  return (
    isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  );
}
