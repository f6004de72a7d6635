import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";

// A Graph failure while the levers read the tenant, in a person's words: what to grant, or to try again.

export function graphRefusal(
  e: unknown,
  what: string,
  permission: string,
  verb: "read" | "change" = "read",
): AppError {
  if (isGraphError(e) && e.kind === "permission")
    return new AppError(
      "PRECONDITION_FAILED",
      `KeyFleet may not ${verb} ${what}: grant ${permission} (application permission, admin consent) to its app registration, then ${verb === "read" ? "reload" : "try again"}.`,
      undefined,
      { cause: e },
    );
  return new AppError(
    "UPSTREAM",
    verb === "read"
      ? `Entra did not answer while reading ${what}. Reload in a minute.`
      : `Entra did not answer while KeyFleet was changing ${what}, so the change may not have been made. Reload the page to see the policy as it is, then try again.`,
    undefined,
    {
      cause: e,
    },
  );
}

export const noTenant = (what: string) =>
  new AppError(
    "PRECONDITION_FAILED",
    `No Entra tenant is connected, so ${what} cannot be read. Connect a tenant in Settings → Setup.`,
  );
