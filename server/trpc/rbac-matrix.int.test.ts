import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, permissions, roles, type Permission, type Role } from "@/server/auth/permissions";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { TrpcContext } from "./init";
import { callProcedure, listProcedures } from "./testing";

// Walks EVERY procedure of the root router × every role + anonymous.
// anonymous → UNAUTHORIZED; role without the permission → FORBIDDEN; role with it → anything but those.

const procedures = listProcedures().map((p) => [p.path, p] as const);

let db: TestDatabase;
let services: TrpcContext["services"];

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
});
afterAll(async () => {
  await db?.close();
});

// No input on purpose: the permission check must come before input validation.
const call = (path: string, role: Role | null) => callProcedure(services, path, role, undefined, "rbac-matrix-test");

const codeOf = (result: unknown) => (result instanceof TRPCError ? result.code : "OK");

describe("RBAC matrix", () => {
  it("finds procedures to check", () => {
    expect(procedures.length).toBeGreaterThan(0);
  });

  it.each(procedures)("%s declares a known permission", (_path, proc) => {
    expect(permissions).toContain(proc.permission);
  });

  describe.each(procedures)("%s", (path, proc) => {
    const permission = proc.permission as Permission;

    it("refuses anonymous callers with UNAUTHORIZED", async () => {
      expect(codeOf(await call(path, null))).toBe("UNAUTHORIZED");
    });

    it.each(roles.map((r) => [r] as const))("as %s: FORBIDDEN exactly when the role lacks the permission", async (role) => {
      const code = codeOf(await call(path, role));
      if (can([role], permission)) {
        expect(code).not.toBe("FORBIDDEN");
        expect(code).not.toBe("UNAUTHORIZED");
      } else {
        expect(code).toBe("FORBIDDEN");
      }
    });
  });
});
