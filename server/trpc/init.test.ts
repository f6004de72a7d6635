import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/server/errors";
import type { Services } from "@/server/container";
import { createCallerFactory, procedure, router } from "./init";

const testRouter = router({
  conflict: procedure("keys.read").query(() => {
    throw new AppError("CONFLICT", "Key is lost; it cannot be assigned.");
  }),
  crash: procedure("keys.read").query(() => {
    throw new Error("secret internals at /srv/db");
  }),
  validated: procedure("keys.read")
    .input(z.object({ serial: z.string().min(4, "at least 4 characters") }))
    .query(({ input }) => input.serial),
});

const caller = createCallerFactory(testRouter)({
  actor: { id: "a", name: "A", email: null, roles: ["helpdesk"] },
  requestId: "req-123",
  services: {} as Services,
});

describe("tRPC error mapping", () => {
  it("turns an AppError into the matching tRPC code with its message", async () => {
    await expect(caller.conflict()).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Key is lost; it cannot be assigned.",
    });
  });

  it("maps an unknown error to INTERNAL_SERVER_ERROR without leaking its message", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const error = await caller.crash().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
    vi.restoreAllMocks();
  });

  it("rejects bad input with BAD_REQUEST before the handler runs", async () => {
    await expect(caller.validated({ serial: "1" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.validated({ serial: "12345" })).resolves.toBe("12345");
  });
});

describe("tRPC over HTTP", () => {
  const ctx = {
    actor: { id: "a", name: "A", email: null, roles: ["helpdesk" as const] },
    requestId: "req-http-9",
    services: {} as Services,
  };
  const get = (path: string, input?: unknown) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      router: testRouter,
      createContext: () => ctx,
      req: new Request(
        `http://localhost/api/trpc/${path}${input ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : ""}`,
      ),
    });

  it("answers an unknown error with a generic message and the request id, never the cause or a stack", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const res = await get("crash");
    vi.restoreAllMocks();
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("req-http-9");
    expect(body).not.toContain("secret internals");
    expect(body).not.toContain("stack");
  });

  it("names the offending field of invalid input", async () => {
    const res = await get("validated", { serial: "1" });
    expect(res.status).toBe(400);
    const body = JSON.parse(await res.text());
    expect(body.error.json.data.fieldErrors).toEqual({ serial: ["at least 4 characters"] });
  });
});
