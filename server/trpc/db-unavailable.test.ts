import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it, vi } from "vitest";
import type { Services } from "@/server/container";
import { adminShutdownMeta } from "@/server/db/fixtures";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/unavailable";
import { procedure, router } from "./init";

// What a procedure sees while PostgreSQL restarts (the shape Prisma's pg adapter throws for an admin shutdown).
const shutdown = Object.assign(new Error("Invalid `prisma.securityKey.count()` invocation: Database error"), {
  code: "P2039",
  meta: adminShutdownMeta,
});

const testRouter = router({
  duringOutage: procedure("keys.read").query(() => {
    throw shutdown;
  }),
  bug: procedure("keys.read").query(() => {
    throw new Error("undefined is not a function");
  }),
});

const call = (path: string) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`),
    router: testRouter,
    createContext: () => ({
      actor: { id: "a", name: "A", email: null, roles: ["helpdesk" as const] },
      requestId: "req-db-1",
      services: {} as Services,
    }),
  });

describe("database outage over tRPC", () => {
  it("answers 503 with a plain 'database unavailable' message, not an internal error", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const res = await call("duringOutage");
    const body = (await res.json()) as {
      error: { json: { message: string; data: { code: string; requestId: string } } };
    };
    vi.restoreAllMocks();
    expect(res.status).toBe(503);
    expect(body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.json.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(JSON.stringify(body)).not.toMatch(/57P01|administrator command|prisma/i);
  });

  it("leaves a real bug an internal error (500)", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const res = await call("bug");
    vi.restoreAllMocks();
    expect(res.status).toBe(500);
  });
});
