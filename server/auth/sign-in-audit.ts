import "server-only";
import { randomUUID } from "node:crypto";
import { logger } from "@/server/lib/logger";
import { getServices } from "@/server/runtime";
import type { Role } from "./permissions";

export async function recordSignIn(who: {
  id: string;
  name: string;
  roles: Role[];
  provider: string;
}): Promise<void> {
  try {
    const services = await getServices();
    const ctx = {
      actor: { id: who.id, name: who.name, email: null, roles: who.roles },
      requestId: randomUUID(),
    };
    await services.uow.run((tx) =>
      services.audit.record(tx, ctx, {
        action: "auth.signin",
        subjectType: "StaffUser",
        subjectId: who.id,
        after: { provider: who.provider, roles: who.roles },
      }),
    );
  } catch (error) {
    // A sign-in must not fail because the trail is briefly unavailable; the failure is logged.
    logger.error("could not record sign-in on the audit trail", { actorId: who.id, error });
  }
}
