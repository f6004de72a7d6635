import { z, type core } from "zod";

// Validation messages people read: a plain sentence about the field, never zod's own text ("Too small:
// expected string to have >=1 characters"). A schema's own message (`.min(4, "at least 4 characters")`)
// still wins; this only replaces zod's defaults. Installed once for the server (server/trpc/init.ts)
// and once for the browser (app/_lib/trpc.ts), so a form's own check and the server's say the same.

type Issue = core.$ZodRawIssue;

const count = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

const FORMATS: Record<string, string> = {
  email: "Enter an email address, like name@example.com.",
  url: "Enter a web address that starts with https://.",
  uuid: "This is not a valid identifier.",
  guid: "This is not a valid identifier.",
  datetime: "Enter a date and time.",
  date: "Enter a date.",
  regex: "This is not in the expected format.",
};

export function plainValidationMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "")
        return "Fill in this field.";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number.";
      if (issue.expected === "date") return "Enter a date.";
      return "This value is not of the right kind.";
    case "too_small": {
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? "Fill in this field."
          : `Use at least ${count(issue.minimum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return Number(issue.minimum) <= 1 ? "Choose at least one." : `Choose at least ${issue.minimum}.`;
      if (issue.origin === "date") return "This date is too early.";
      return issue.inclusive === false
        ? `Enter a number above ${issue.minimum}.`
        : `Enter ${issue.minimum} or more.`;
    }
    case "too_big": {
      if (issue.origin === "string") return `Use at most ${count(issue.maximum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${issue.maximum}.`;
      if (issue.origin === "date") return "This date is too late.";
      return issue.inclusive === false
        ? `Enter a number below ${issue.maximum}.`
        : `Enter ${issue.maximum} or less.`;
    }
    case "invalid_format":
      return FORMATS[issue.format] ?? "This is not in the expected format.";
    case "invalid_value":
      return "Choose one of the offered options.";
    case "not_multiple_of":
      return `Enter a multiple of ${issue.divisor}.`;
    case "unrecognized_keys":
      return `Unexpected field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}.`;
    default:
      return undefined; // zod's own message (custom refinements carry their own)
  }
}

let installed = false;
/** Makes the plain messages zod's defaults in this process (idempotent). */
export function installPlainValidationMessages() {
  if (installed) return;
  installed = true;
  z.config({ customError: plainValidationMessage });
}
