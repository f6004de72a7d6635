import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "./errors";
import { unstorableInputError } from "./input-hygiene";

describe("text that cannot be stored or sent on, in procedure input", () => {
  it("names every field holding a NUL or an unpaired surrogate, however deep, including object keys", () => {
    const error = unstorableInputError({
      q: "a\u0000b",
      keys: [{ id: "ok" }, { id: "\uDFFFx" }],
      notes: { "k\u0000": "v" },
    });
    expect(error).toBeInstanceOf(ZodError);
    const fields = zodFieldErrors(error)!;
    expect(Object.keys(fields)).toEqual(["q", "keys.1.id", "notes.k\u0000"]);
    expect(fields.q![0]).toMatch(/NUL character/);
    expect(fields["keys.1.id"]![0]).toMatch(/unpaired surrogate/);
  });

  it("survives being the cause of a TRPCError, so the error formatter still finds the fields", () => {
    const wrapped = new TRPCError({ code: "BAD_REQUEST", cause: unstorableInputError({ q: "\u0000" })! });
    expect(zodFieldErrors(wrapped.cause)).toEqual({ q: [expect.stringMatching(/NUL/)] });
  });

  it("passes clean input, dates, numbers, formulas, emoji and control characters", () => {
    expect(
      unstorableInputError({
        a: "=cmd()",
        b: "💥 ok",
        c: new Date(),
        d: [1, null, undefined],
        e: "\t\r\n",
        f: "\uD83D\uDCA5",
      }),
    ).toBeNull();
    expect(unstorableInputError(undefined)).toBeNull();
  });

  it("refuses a valid date the database cannot hold, and leaves an invalid one to the schema", () => {
    const error = unstorableInputError({
      at: new Date("+174170-05-25T00:00:00Z"),
      ok: new Date("2026-01-01"),
      nan: new Date(Number.NaN),
    });
    expect(zodFieldErrors(error)).toEqual({ at: ["expected a date between the years 1900 and 9999"] });
  });

  it("reports a bare string input on the input itself", () => {
    expect(Object.keys(zodFieldErrors(unstorableInputError("\u0000"))!)).toEqual(["(input)"]);
  });
});
