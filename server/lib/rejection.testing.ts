import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** What a call was rejected with, checked to be a `type`; the test fails if it succeeded or threw anything else. */
export async function rejection<E>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(type);
  return e as E;
}

/** The TRPCError a call through a router fails with. */
export const failure = (p: Promise<unknown>): Promise<TRPCError> => rejection(p, TRPCError);
