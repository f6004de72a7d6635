import { describe, expect, it } from "vitest";
import { adminShutdownMeta } from "./fixtures";
import { isDatabaseUnavailable } from "./unavailable";

// Shapes as Prisma 7 with @prisma/adapter-pg threw them while a PostgreSQL server was stopped and
// restarted under a running client (recorded with scripts/bench/pg-cluster.ts).
const adminShutdown = { name: "PrismaClientKnownRequestError", code: "P2039", meta: adminShutdownMeta };
const notReachableRaw = {
  code: "P2010",
  meta: {
    driverAdapterError: {
      name: "DriverAdapterError",
      cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 },
    },
  },
};
const notReachable = { code: "P1001", message: "Can't reach database server at 127.0.0.1:5432" };

describe("isDatabaseUnavailable", () => {
  it("recognises a server shutting down, an unreachable server and dropped connections, however deeply wrapped", () => {
    expect(isDatabaseUnavailable(adminShutdown)).toBe(true);
    expect(isDatabaseUnavailable(notReachableRaw)).toBe(true);
    expect(isDatabaseUnavailable(notReachable)).toBe(true);
    expect(isDatabaseUnavailable({ code: "57P03", message: "the database system is starting up" })).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error("tRPC wrapper", { cause: new Error("service", { cause: adminShutdown }) }),
      ),
    ).toBe(true);
  });

  it("does not mistake a bug or a data error for an outage", () => {
    expect(
      isDatabaseUnavailable({
        code: "P2002",
        meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation" } } },
      }),
    ).toBe(false);
    expect(
      isDatabaseUnavailable({ code: "23505", message: "duplicate key value violates unique constraint" }),
    ).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2025" })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("P1001")).toBe(false);
  });

  it("stops on a cause cycle", () => {
    const a: { cause?: unknown } = {};
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
