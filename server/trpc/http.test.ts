import { describe, expect, it, vi } from "vitest";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/unavailable";
import { handleTrpc } from "./http";

// Resolving the actor reads the session from the database: an outage there must read as an outage (init.ts, errorFormatter).
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("the tRPC door when the session cannot be checked", () => {
  it("answers 503 'database unavailable' when the database does not answer, without the driver's words", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const res = await handleTrpc(new Request("http://localhost/api/trpc/inventory.sites"), () =>
      Promise.reject(refused),
    );
    vi.restoreAllMocks();
    expect(res.status).toBe(503);
    const body = JSON.stringify(await res.json());
    expect(body).toContain(DATABASE_UNAVAILABLE_MESSAGE);
    expect(body).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(body).not.toMatch(/ECONNREFUSED|5432/);
  });

  it("leaves any other failure an internal error (500)", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const res = await handleTrpc(new Request("http://localhost/api/trpc/inventory.sites"), () =>
      Promise.reject(new Error("bug")),
    );
    vi.restoreAllMocks();
    expect(res.status).toBe(500);
  });
});
