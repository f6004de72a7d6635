import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { installPeerAddressStamp } from "./peer-address";
import { clientAddress, makeRateLimits, SIGN_IN_LIMIT, signInRule, type RateLimits } from "./rate-limit";
import { makeRateLimitRepository } from "./rate-limit.repository";

// A real HTTP server and real sockets from distinct loopback addresses (127.0.0.0/8): with no trusted
// proxy, the sign-in limit keys on the socket's address, and forged forwarding headers change nothing.
// The limit is the portal's own, counted in a real database.

let server: http.Server;
let port: number;
let db: TestDatabase;
let limits: RateLimits;

beforeAll(async () => {
  db = await createTestDatabase();
  limits = makeRateLimits({ db: db.prisma, repo: makeRateLimitRepository(), clock: () => new Date() });
  installPeerAddressStamp();
  server = http.createServer(async (req, res) => {
    const headers = new Headers(
      Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]),
    );
    const key = clientAddress(headers, { trustProxy: false });
    const verdict = await limits.hit(SIGN_IN_LIMIT, signInRule, key);
    res
      .writeHead(verdict.ok ? 200 : 429, { "content-type": "application/json" })
      .end(JSON.stringify({ key }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await db?.close();
});

function attempt(
  from: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; key: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/auth/callback/demo",
        method: "POST",
        localAddress: from,
        headers,
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, key: (JSON.parse(body) as { key: string }).key }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("client address from the socket (no trusted proxy)", () => {
  it("is the socket's address whatever X-Forwarded-For, X-Real-IP or the stamp header the client sends", async () => {
    expect(await attempt("127.0.0.21")).toEqual({ status: 200, key: "127.0.0.21" });
    const forged = await attempt("127.0.0.21", {
      "x-forwarded-for": "203.0.113.9",
      "x-real-ip": "203.0.113.10",
      "x-keyfleet-peer": "203.0.113.11",
    });
    expect(forged.key).toBe("127.0.0.21");
  });

  it("a burst with a new forged X-Forwarded-For each time is still limited, and another address is not", async () => {
    const from = "127.0.0.22";
    const statuses: number[] = [];
    for (let i = 0; i <= signInRule.limit; i++)
      statuses.push((await attempt(from, { "x-forwarded-for": `198.51.100.${i}` })).status);
    expect(statuses.slice(0, signInRule.limit).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Nor can it be aimed at someone else: a forged header naming 127.0.0.23 did not spend that address's attempts.
    await attempt(from, { "x-forwarded-for": "127.0.0.23" });
    expect(await attempt("127.0.0.23")).toEqual({ status: 200, key: "127.0.0.23" });
  });
});
