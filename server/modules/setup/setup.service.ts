import type { z } from "zod";
import { catalogMeta, describeCredential, listAuthenticators, lookupAuthenticator } from "@/server/catalog";
import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import { runPermissionChecks } from "./permission-checks";
import type { catalogueMappingOutput, permissionCheckOutput, proposedSitesOutput } from "./setup.schemas";
import type { SetupRepository } from "./setup.repository";
import { isGraphConfigured } from "@/server/graph/unconfigured";

// The first run on a real tenant: which Graph permissions are missing, which sites the directory's
// office locations suggest, and how the tenant's credentials map to the built-in catalogue. Reads only:
// nothing here changes Entra or the database (sites are created through inventory, audited there).

export interface SetupDeps {
  uow: UnitOfWork;
  repo: SetupRepository;
  graph: GraphPort;
  /** The mailbox set on Rollout → Messages, for the Mail.Send checks (absent or null: none set). */
  sendingMailbox?: () => Promise<string | null>;
}

/** A site code from an office name: its first word's letters, at most 8, made unique against the taken ones. */
export function proposeSiteCode(officeLocation: string, taken: Set<string>): string {
  const words = officeLocation
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .toUpperCase()
    .split(/\s+/)
    .filter(Boolean);
  const base = (words[0] ?? "SITE")
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 8)
    .padEnd(2, "X");
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 8 - String(n).length)}${n}`;
  taken.add(code);
  return code;
}

export function makeSetupService({ uow, repo, graph, sendingMailbox }: SetupDeps) {
  return {
    async checkPermissions(): Promise<z.infer<typeof permissionCheckOutput>> {
      if (!isGraphConfigured(graph)) {
        return {
          connected: false,
          checks: [],
          missing: [],
          message:
            "No tenant is connected: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (README → Connecting a real tenant), restart, and check again.",
        };
      }
      const checks = await runPermissionChecks(graph.withBudget(30), (await sendingMailbox?.()) ?? null);
      return {
        connected: true,
        message: null,
        checks,
        missing: checks.filter((c) => c.status === "missing").map((c) => c.permission),
      };
    },

    async proposedSites(): Promise<z.infer<typeof proposedSitesOutput>> {
      const [offices, codes] = await Promise.all([repo.officeLocations(uow.db), repo.siteCodes(uow.db)]);
      const taken = new Set(codes);
      return offices.map((o) => ({
        ...o,
        proposedCode: o.siteId ? null : proposeSiteCode(o.officeLocation, taken),
        proposedName: o.siteId ? null : o.officeLocation.slice(0, 100),
      }));
    },

    async catalogueMapping(): Promise<z.infer<typeof catalogueMappingOutput>> {
      const rows = (await repo.credentialsByAaguid(uow.db)).map((r) => {
        const about = describeCredential({
          aaguid: r.aaguid,
          model: r.model,
          passkeyType: r.synced ? "synced" : null,
        });
        return {
          aaguid: r.aaguid,
          name: about.name ?? "Unknown authenticator",
          kind: about.kind,
          inCatalogue: lookupAuthenticator(r.aaguid) !== null,
          credentials: r.credentials,
          users: r.users,
        };
      });
      const credentials = rows.reduce((n, r) => n + r.credentials, 0);
      return {
        rows,
        totals: {
          credentials,
          catalogued: rows.filter((r) => r.inCatalogue).reduce((n, r) => n + r.credentials, 0),
          unknownAaguids: new Set(rows.filter((r) => !r.inCatalogue).map((r) => r.aaguid)).size,
        },
        catalogue: { builtAt: catalogMeta.builtAt, entries: listAuthenticators().length },
      };
    },
  };
}

export type SetupService = ReturnType<typeof makeSetupService>;
