import { isGraphConfigured } from "@/server/graph/unconfigured";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { graphRefusal, noTenant } from "./graph-refusal";
import type { Fido2Policy, GraphPort } from "@/server/graph/port";
import { authenticatorName } from "@/server/catalog";
import type { RestrictionRepository } from "./levers.repository";
import { ALL_USERS, blocks, restrictionTargets, type Rule } from "./restrictions";

// Key restrictions and passkey profiles, by model name, and the preview of a draft change: whose existing
// credentials and which keys still to be registered it would block (docs/SECURITY-LEAD.md). Reads only.

const LIST_CAP = 200;

export interface RestrictionDeps {
  uow: UnitOfWork;
  repo: RestrictionRepository;
  graph: GraphPort;
}

export interface DraftInput {
  targetId: string;
  isEnforced: boolean;
  enforcementType: "allow" | "block";
  aaguids: string[];
}

/** The restriction a draft is for, as Entra has it now; gone means someone changed the policy there. */
export function targetOf(p: Fido2Policy, targetId: string) {
  const target = restrictionTargets(p).find((t) => t.id === targetId);
  if (!target)
    throw new AppError(
      "CONFLICT",
      "This restriction is no longer in the FIDO2 policy (someone changed it in Entra). Reload and draft again.",
    );
  return target;
}

const failed = (e: unknown, what: string) => graphRefusal(e, what, "Policy.Read.AuthenticationMethod");

export function makeRestrictionService({ uow, repo, graph }: RestrictionDeps) {
  async function policy(): Promise<{ g: GraphPort; policy: Fido2Policy }> {
    if (!isGraphConfigured(graph)) throw noTenant("the FIDO2 policy");
    const g = graph.withBudget(200);
    try {
      return { g, policy: await g.getFido2Policy() };
    } catch (e) {
      throw failed(e, "the FIDO2 policy");
    }
  }

  /** AAGUID → the catalogue's model names (procurement's models first, then the built-in catalogue). */
  async function namer() {
    const byAaguid = new Map<string, string[]>();
    for (const m of await repo.models(uow.db))
      for (const a of m.aaguids)
        byAaguid.set(a.aaguid, [...(byAaguid.get(a.aaguid) ?? []), `${m.vendor} ${m.productName}`]);
    return (aaguid: string) => {
      const names = byAaguid.get(aaguid.toLowerCase());
      return names?.join(" / ") ?? authenticatorName(aaguid, null) ?? `Unknown model (${aaguid})`;
    };
  }

  async function groupName(g: GraphPort, id: string): Promise<string> {
    if (id === ALL_USERS) return "All users";
    try {
      return (await g.getGroup(id)).displayName ?? id;
    } catch {
      return `Group ${id}`;
    }
  }

  /** Users a restriction governs (null: everyone), through nested groups. */
  async function scope(g: GraphPort, groupIds: string[]): Promise<string[] | null> {
    if (groupIds.includes(ALL_USERS)) return null;
    const ids = new Set<string>();
    try {
      for (const id of groupIds)
        for await (const page of g.listGroupMembers(id, { transitive: true, top: 999 }))
          for (const o of page) if (o.odataType === "#microsoft.graph.user") ids.add(o.id);
    } catch (e) {
      throw failed(e, "the members of the policy's groups");
    }
    return [...ids];
  }

  return {
    /** The FIDO2 policy as Entra has it now, and a port with a budget for what follows. */
    readPolicy: policy,

    /** The FIDO2 policy's restrictions with model names and target groups, and the models one may pick. */
    async current() {
      const { g, policy: p } = await policy();
      const name = await namer();
      const targets = await Promise.all(
        restrictionTargets(p).map(async (t) => ({
          id: t.id,
          name: t.name,
          passkeyTypes: t.passkeyTypes,
          isEnforced: t.rule.isEnforced,
          enforcementType: t.rule.enforcementType,
          models: t.rule.aaguids.map((aaguid) => ({ aaguid, name: name(aaguid) })),
          groups: await Promise.all(t.groupIds.map(async (id) => ({ id, name: await groupName(g, id) }))),
        })),
      );
      // What one may pick: procurement's models (all their AAGUIDs at once), then AAGUIDs in use that no
      // model claims, by the built-in catalogue's name.
      const inUse = new Map(
        (await repo.credentialAaguids(uow.db)).map((s) => [s.aaguid.toLowerCase(), s._count._all]),
      );
      const claimed = new Set<string>();
      const models = (await repo.models(uow.db)).map((m) => {
        const aaguids = m.aaguids.map((a) => a.aaguid);
        aaguids.forEach((a) => claimed.add(a));
        const credentials = aaguids.reduce((n, a) => n + (inUse.get(a) ?? 0), 0);
        return { id: m.id, name: `${m.vendor} ${m.productName}`, aaguids, credentials };
      });
      for (const [aaguid, credentials] of inUse)
        if (!claimed.has(aaguid))
          models.push({ id: aaguid, name: name(aaguid), aaguids: [aaguid], credentials });
      return {
        policyState: p.state,
        targets,
        models: models.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      };
    },

    /** What the draft would change: credentials and keys it newly blocks (and how many it frees). */
    async preview(input: DraftInput) {
      const { g, policy: p } = await policy();
      const target = targetOf(p, input.targetId);
      const proposed: Rule = {
        isEnforced: input.isEnforced,
        enforcementType: input.enforcementType,
        aaguids: [...new Set(input.aaguids.map((a) => a.toLowerCase()))].sort(),
      };
      const name = await namer();
      const users = await scope(g, target.groupIds);
      const newly = (aaguid: string) => blocks(proposed, aaguid) && !blocks(target.rule, aaguid);
      const freed = (aaguid: string) => !blocks(proposed, aaguid) && blocks(target.rule, aaguid);
      const creds = await repo.credentials(uow.db, users);
      const blockedCreds = creds.filter((c) => newly(c.aaguid));
      // A key is blocked when every AAGUID its model may carry is (a model with none listed cannot be judged).
      const keys = (await repo.keys(uow.db)).filter(
        (k) => k.model.aaguids.length > 0 && k.model.aaguids.every((a) => newly(a.aaguid)),
      );
      const byModel = new Map<
        string,
        { model: string; inStock: number; reserved: number; assigned: number }
      >();
      for (const k of keys) {
        const m = byModel.get(k.model.id) ?? {
          model: `${k.model.vendor} ${k.model.productName}`,
          inStock: 0,
          reserved: 0,
          assigned: 0,
        };
        if (k.status === "in_stock") m.inStock++;
        else if (k.status === "reserved") m.reserved++;
        else m.assigned++;
        byModel.set(k.model.id, m);
      }
      const warnings: string[] = [];
      if (proposed.isEnforced && proposed.enforcementType === "allow" && proposed.aaguids.length === 0)
        warnings.push("An enforced allow list with no model on it blocks every key.");
      if (blockedCreds.length)
        warnings.push(
          `${new Set(blockedCreds.map((c) => c.user.id)).size} people hold a key this change blocks: they need another key before it is applied.`,
        );
      return {
        target: { id: target.id, name: target.name },
        blockedModels: [...new Set(proposed.aaguids.concat(target.rule.aaguids))]
          .filter(newly)
          .map((aaguid) => ({ aaguid, name: name(aaguid) })),
        credentials: {
          total: blockedCreds.length,
          people: new Set(blockedCreds.map((c) => c.user.id)).size,
          freed: creds.filter((c) => freed(c.aaguid)).length,
          list: blockedCreds.slice(0, LIST_CAP).map((c) => ({
            userId: c.user.id,
            displayName: c.user.displayName,
            userPrincipalName: c.user.userPrincipalName,
            model: name(c.aaguid),
            synced: c.passkeyType === "synced",
          })),
        },
        keys: {
          total: keys.length,
          byModel: [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model)),
          assigned: keys
            .filter((k) => k.status !== "in_stock")
            .slice(0, LIST_CAP)
            .map((k) => ({
              serial: k.serial,
              status: k.status,
              site: k.site.code,
              model: `${k.model.vendor} ${k.model.productName}`,
              holder: k.custodian?.displayName ?? null,
            })),
        },
        warnings,
      };
    },
  };
}

export type RestrictionService = ReturnType<typeof makeRestrictionService>;
