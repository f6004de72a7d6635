import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";

// A Graph failure while the levers read the tenant, in a person's words: what to grant, or to try again.

export function graphRefusal(e: unknown, what: string, permission: string): AppError {
  if (isGraphError(e) && e.kind === "permission")
    return new AppError(
      "PRECONDITION_FAILED",
      `KeyFleet may not read ${what}: grant ${permission} (application permission, admin consent) to its app registration, then reload.`,
      undefined,
      { cause: e },
    );
  return new AppError(
    "UPSTREAM",
    `Entra did not answer while reading ${what}. Reload in a minute.`,
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
