import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodFieldErrors } from "./errors";
import { unstorableInputError } from "./input-hygiene";

describe("zodFieldErrors", () => {
  it("names every field, including keys an object literal would take for its prototype's", () => {
    // Found by the hostile-input fuzz: a date out of range under the key "__proto__" made the error
    // formatter itself throw, and the caller got a 500 instead of the field.
    const far = new Date("+275760-09-12T23:59:59.954Z");
    const input = JSON.parse('{"__proto__": 0, "constructor": 0, "toString": 0, "ok": 0}');
    for (const key of ["__proto__", "constructor", "toString"]) input[key] = far;
    const fields = zodFieldErrors(unstorableInputError(input))!;
    expect(Object.keys(fields).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(fields.constructor).toHaveLength(1);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype); // an own "__proto__" key, not a new prototype
    expect(Object.keys(JSON.parse(JSON.stringify(fields)))).toContain("__proto__");
  });

  it("gathers two problems at one path, and calls a problem with no path the input's", () => {
    const schema = z.object({
      code: z
        .string()
        .min(5)
        .regex(/^[A-Z]+$/),
    });
    expect(zodFieldErrors(schema.safeParse({ code: "ab" }).error)).toEqual({
      code: [expect.any(String), expect.any(String)],
    });
    expect(Object.keys(zodFieldErrors(z.number().safeParse("x").error)!)).toEqual(["(input)"]);
    expect(zodFieldErrors(new Error("not zod"))).toBeNull();
  });
});
