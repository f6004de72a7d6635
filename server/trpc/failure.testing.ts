import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** The TRPCError a call fails with; the test fails if the call succeeds or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TRPCError);
  return e as TRPCError;
}
