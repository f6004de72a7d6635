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
  // zod's defaults only, as most forms' schemas are written.
  policy: procedure("keys.read")
    .input(
      z.object({
        model: z.string().min(1),
        minutes: z.number().int().min(10).max(480),
        uses: z.number().int().min(1),
      }),
    )
    .query(() => "ok"),
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

describe("validation messages people read", () => {
  const ctx = {
    actor: { id: "a", name: "A", email: null, roles: ["helpdesk" as const] },
    requestId: "req-v",
    services: {} as Services,
  };
  const get = async (input: unknown) => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: testRouter,
      createContext: () => ctx,
      req: new Request(
        `http://localhost/api/trpc/policy?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
      ),
    });
    return JSON.parse(await res.text()).error.json as {
      message: string;
      data: { fieldErrors: Record<string, string[]> };
    };
  };

  it("puts a plain sentence on each field and a summary that points to them, never zod's own text", async () => {
    const error = await get({ model: "", minutes: 5, uses: 0 });
    expect(error.data.fieldErrors).toEqual({
      model: ["Fill in this field."],
      minutes: ["Enter 10 or more."],
      uses: ["Enter 1 or more."],
    });
    expect(error.message).toBe("3 fields need a correction: see the messages beside them.");
    const text = JSON.stringify(error);
    for (const zodWords of ["Too small", "expected", ">=", "Invalid input"])
      expect(text).not.toContain(zodWords);
  });

  it("says what is missing and what is too big in words", async () => {
    const error = await get({ minutes: 600, uses: 1 });
    expect(error.data.fieldErrors).toEqual({
      model: ["Fill in this field."],
      minutes: ["Enter 480 or less."],
    });
    expect(error.message).toBe("2 fields need a correction: see the messages beside them.");
  });

  it("keeps a schema's own message", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: testRouter,
      createContext: () => ctx,
      req: new Request(
        `http://localhost/api/trpc/validated?input=${encodeURIComponent(JSON.stringify({ json: { serial: "1" } }))}`,
      ),
    });
    const error = JSON.parse(await res.text()).error.json;
    expect(error.data.fieldErrors).toEqual({ serial: ["at least 4 characters"] });
    expect(error.message).toBe("One field needs a correction: see the message beside it.");
  });
});
