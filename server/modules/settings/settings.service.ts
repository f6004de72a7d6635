import type { UnitOfWork } from "@/server/db/uow";
import type { Env } from "@/server/env";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { makeRecoveryPolicySettings } from "./recovery-policy";
import { makeHelpdeskSettings } from "./helpdesk-settings";
import type { SettingsRepository } from "./settings.repository";
import type { SettingsStatus } from "./settings.schemas";

/** Where the database is, never its password. */
function databaseLocation(env: Pick<Env, "DATABASE_URL" | "DATABASE_SCHEMA" | "KEYFLEET_DATA_DIR">): string {
  if (!env.DATABASE_URL) return `${env.KEYFLEET_DATA_DIR}/pglite`;
  try {
    const url = new URL(env.DATABASE_URL);
    const schema = env.DATABASE_SCHEMA ?? url.searchParams.get("schema");
    return `${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}${schema ? ` (schema ${schema})` : ""}`;
  } catch {
    return "PostgreSQL";
  }
}

export function makeSettingsService({
  uow,
  repo,
  env,
  version,
  audit,
}: {
  uow: UnitOfWork;
  repo: SettingsRepository;
  env: () => Env;
  version: string;
  audit: AuditService;
}) {
  return {
    ...makeRecoveryPolicySettings({ uow, repo, audit }),
    ...makeHelpdeskSettings({ uow, repo, audit }),
    async status(): Promise<SettingsStatus> {
      const e = env();
      const [isReachable, migrationsApplied] = await Promise.all([
        repo.ping(uow.db),
        repo.migrationsApplied(uow.db),
      ]);
      return {
        version,
        isDemo: e.isDemo,
        database: { kind: e.database, isReachable, location: databaseLocation(e), migrationsApplied },
        graph: {
          mode: e.graphMode,
          baseUrl: e.graphMode === "simulated" ? "simulated tenant (in process)" : e.GRAPH_BASE_URL,
          tenantId: e.AZURE_TENANT_ID ?? null,
        },
        signIn: e.isDemo
          ? { kind: "demo", issuer: null, name: "Demo personas" }
          : { kind: "oidc", issuer: e.AUTH_OIDC_ISSUER ?? null, name: e.AUTH_OIDC_NAME },
      };
    },
  };
}

export type SettingsService = ReturnType<typeof makeSettingsService>;
