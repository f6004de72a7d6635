import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "./errors";

describe("isAppError", () => {
  it("recognises an AppError made by another copy of this module (as a production bundle may hold two)", async () => {
    const other = (await import("./errors?copy" as string)) as typeof import("./errors");
    expect(other.AppError).not.toBe(AppError);
    const e = new other.AppError("CONFLICT", "made elsewhere");
    expect(e instanceof AppError).toBe(false);
    expect(isAppError(e)).toBe(true);
  });
  it("does not take a plain Error or an object with a code for one", () => {
    expect(isAppError(new Error("x"))).toBe(false);
    expect(isAppError({ code: "CONFLICT", message: "x" })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
