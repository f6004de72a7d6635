import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { handleTrpc, MAX_REQUEST_BYTES, REQUEST_TOO_LARGE_MESSAGE } from "./http";
import type { RequestIds } from "./request-id";
import type { AppRouter } from "./root";

// The tRPC route as the browser reaches it (handleTrpc, the real router, the browser's own client and
// link), in front of a real database: who names a request, and how large a request may be.

const procurement: Actor = { id: "agent-p", name: "Pia Procurement", email: null, roles: ["procurement"] };

let db: TestDatabase;
let services: Services;
const contexts: RequestIds[] = [];
const route = (req: Request) =>
  handleTrpc(req, async (ids) => {
    contexts.push(ids);
    return { actor: procurement, requestId: ids.requestId, services };
  });

function client(headers: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://portal.test/api/trpc",
        transformer: superjson,
        headers,
        fetch: (url, init) => route(new Request(url, init as RequestInit)),
      }),
    ],
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
});
afterAll(async () => {
  await db?.close();
});

describe("request ids are the server's", () => {
  it("a forged X-Request-Id does not become the audit event's request id; the server's own does, and the response names it", async () => {
    const forged = "req-of-another-agents-tap-issue";
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    let lines: string[];
    let response: Response | undefined;
    try {
      const api = createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: "http://portal.test/api/trpc",
            transformer: superjson,
            headers: { "x-request-id": forged },
            fetch: async (url, init) => (response = await route(new Request(url, init as RequestInit))),
          }),
        ],
      });
      await api.inventory.createSite.mutate({ code: "REQ-ID", name: "Request id test", kind: "office" });
      lines = stderr.mock.calls.map((c) => String(c[0]));
    } finally {
      stderr.mockRestore();
    }
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: { startsWith: "inventory.site" } },
      orderBy: { seq: "desc" },
      select: { requestId: true },
    });
    expect(event.requestId).not.toBe(forged);
    expect(event.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response!.headers.get("x-request-id")).toBe(event.requestId);
    // The caller's id is kept apart, in the log next to ours, so its logs can still be joined to ours.
    const joined = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.clientRequestId === forged);
    expect(joined).toMatchObject({ requestId: event.requestId, clientRequestId: forged });
  });

  it("a client id that is not short plain text is not kept at all", async () => {
    await client({ "x-request-id": `x${"<script>".repeat(3)}` })
      .procurement.list.query({})
      .catch(() => null);
    expect(contexts.at(-1)?.clientRequestId).toBeNull();
  });
});

describe("request body limit", () => {
  const bigCsv = "serial\n" + "ABCDEFGHIJK\n".repeat(Math.ceil((MAX_REQUEST_BYTES + 1) / 12));

  it("refuses a body over the limit with 413 in the tRPC error shape the browser's client reads, before any procedure runs", async () => {
    const before = contexts.length;
    const error = await client()
      .procurement.previewCsv.mutate({ poId: "po-x", csv: bigCsv })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TRPCClientError);
    const e = error as TRPCClientError<AppRouter>;
    expect(e.message).toBe(REQUEST_TOO_LARGE_MESSAGE);
    expect(e.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
    expect(e.message).not.toMatch(/JSON|Unexpected|position/i);
    expect(contexts.length).toBe(before); // no context, so no procedure and no database work
  });

  it("counts the bytes too: a chunked body with no Content-Length is cut off at the limit", async () => {
    const before = contexts.length;
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 4 * MAX_REQUEST_BYTES) return controller.close(); // a client that would go on and on
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await route(
      new Request("http://portal.test/api/trpc/procurement.previewCsv", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(json.error.json).toMatchObject({
      message: REQUEST_TOO_LARGE_MESSAGE,
      data: { code: "PAYLOAD_TOO_LARGE" },
    });
    expect(sent).toBeLessThan(MAX_REQUEST_BYTES + 2 * chunk.byteLength); // it stopped reading
    expect(contexts.length).toBe(before);
  });

  it("a Content-Length over the limit is refused without reading the body", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const res = await route(
      new Request("http://portal.test/api/trpc/procurement.previewCsv", {
        method: "POST",
        body,
        duplex: "half",
        headers: { "content-type": "application/json", "content-length": String(MAX_REQUEST_BYTES + 1) },
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1); // a stream may be primed once; it is not read through
  });

  it("a body under the limit goes through as before", async () => {
    const before = contexts.length;
    const error = await client()
      .procurement.previewCsv.mutate({ poId: "po-missing", csv: "serial\nA1\n" })
      .then(
        () => null,
        (e: unknown) => e as TRPCClientError<AppRouter>,
      );
    expect(error?.data?.code).toBe("NOT_FOUND"); // it reached the service, which found no such order
    expect(contexts.length).toBe(before + 1);
  });
});
