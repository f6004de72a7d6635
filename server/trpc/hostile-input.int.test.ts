import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, roles, type Permission } from "@/server/auth/permissions";
import type { Services } from "@/server/container";
import { isAppError } from "@/server/errors";
import { zodFieldErrors } from "./errors";
import { hostileInput, type HostileOptions } from "./hostile-input";
import {
  callProcedure,
  listProcedures,
  startDemoWorld,
  type DemoWorld,
  type ProcedureEntry,
} from "./testing";

// Random and malformed input at EVERY procedure of the root router, as every role, on a demo-filled
// database and the simulated tenant. Never a 500; a refused input is a validation error that names
// the field; a role without the permission learns nothing about the input (FORBIDDEN before parsing).
// Bounded: a few runs per procedure and role (FUZZ_RUNS for a deeper local run). A failure prints
// fast-check's seed; FUZZ_SEED replays it.

const RUNS = Number(process.env.FUZZ_RUNS) || 6;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let world: DemoWorld;
let services: Services;
let hostile: HostileOptions;

beforeAll(async () => {
  world = await startDemoWorld();
  services = world.services;
  hostile = { knownIds: world.knownIds };
}, 180_000);

afterAll(async () => {
  await world?.close();
});

const isPlainObject = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !(v instanceof Map) &&
  !(v instanceof Set);
const show = (v: unknown) => {
  try {
    return JSON.stringify(v, (_k, x) =>
      typeof x === "bigint"
        ? `${x}n`
        : typeof x === "string" && x.length > 80
          ? `${x.slice(0, 80)}…(${x.length})`
          : x,
    )?.slice(0, 400);
  } catch {
    return String(v);
  }
};

/** What is wrong with the outcome of calling `proc` with `input` as a role that holds its permission. */
function problemWithAllowed(proc: ProcedureEntry, input: unknown, result: unknown): string | null {
  if (!(result instanceof TRPCError)) return null; // accepted: the service ran and its output passed its schema
  if (result.code === "INTERNAL_SERVER_ERROR")
    return `500: ${String((result.cause as Error | undefined)?.message ?? result.message).slice(0, 300)}`;
  if (result.code !== "BAD_REQUEST") return null; // NOT_FOUND, CONFLICT, … : a rule refused it, with a message
  // A rule the service enforces on input that passed its schema: an AppError with its own message.
  if (isAppError(result.cause)) return result.message ? null : "BAD_REQUEST without a message";
  if (!(result.cause instanceof ZodError))
    return `BAD_REQUEST that is neither a validation error nor a rule: ${result.message}`;
  const fields = Object.keys(zodFieldErrors(result.cause) ?? {});
  if (fields.length === 0) return "validation error naming no field";
  // An object came in: each problem must point at a field inside it, not at "the input".
  const takesObject = proc.inputs.length > 0 && isPlainObject(input);
  if (takesObject && fields.includes("(input)")) {
    const rootIssues = result.cause.issues.filter((i) => i.path.length === 0).map((i) => i.message);
    if (rootIssues.some((m) => !/expected object/i.test(m)))
      return `validation error not naming a field: ${rootIssues.join("; ")}`;
  }
  return null;
}

const procedures = listProcedures();

describe("hostile input at every procedure, as every role", () => {
  it("walks the procedures of the root router", () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it.each(procedures.map((p) => [p.path, p] as const))("%s", async (path, proc) => {
    const arb = hostileInput(proc.inputs, hostile);
    for (const role of roles) {
      if (!can([role], proc.permission as Permission)) {
        for (const input of fc.sample(arb, { numRuns: 2, seed })) {
          const result = await callProcedure(services, path, role, input, "fuzz");
          expect(result, `${path} as ${role}`).toBeInstanceOf(TRPCError);
          expect((result as TRPCError).code).toBe("FORBIDDEN");
          expect((result as TRPCError).cause).not.toBeInstanceOf(ZodError);
        }
        continue;
      }
      await fc.assert(
        fc.asyncProperty(arb, async (input) => {
          const problem = problemWithAllowed(
            proc,
            input,
            await callProcedure(services, path, role, input, "fuzz"),
          );
          if (problem) throw new Error(`${path} as ${role} with ${show(input)}: ${problem}`);
        }),
        { numRuns: proc.inputs.length ? RUNS : 1, seed, endOnFailure: true },
      );
    }
  });
});
