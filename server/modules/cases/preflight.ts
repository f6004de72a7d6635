import type { Db } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import type { GraphPort, GraphUser, TapPolicy, TemporaryAccessPass } from "@/server/graph/port";
import { credentialKind } from "@/server/modules/matching/credential-kind";
import type { PreflightRepository } from "./preflight.repository";
import type { Preflight } from "./preflight.schemas";

// The preflight (docs/RECOVERY.md): before anything is deleted, what would the user be left with? Read
// live from Entra every time (policy, the user's transitive groups, credentials, passes): a stale answer
// is how users got stranded, so nothing here is cached.

export interface PreflightInput {
  /** Entra object id or UPN. */
  user: string;
  /** Credentials the recovery deletes; every live one when absent (the CLI's question). */
  revokeMethodIds?: readonly string[];
  /** The agent recorded a replacement handed over and registered in person: a way in without a pass. */
  handedOverInPerson?: boolean;
}

type TapCheck = Omit<
  Preflight["tap"],
  "minMinutes" | "maxMinutes" | "defaultMinutes" | "isUsableOnce" | "includeGroups" | "hasUsablePass"
>;

const isTargeted = (targets: { id: string }[], userId: string, groups: Set<string>) =>
  targets.some((t) => t.id === "all_users" || t.id === userId || groups.has(t.id));
const list = (names: string[]) => (names.length ? names.join(", ") : "none");

/** Can Entra issue this user a pass? The same rules Entra applies at POST (docs/RECOVERY.md "TAP rules"). */
export function checkTap(
  policy: TapPolicy,
  user: GraphUser,
  groups: Set<string>,
  names: (ids: string[]) => string[],
): TapCheck {
  const who = user.displayName ?? user.userPrincipalName ?? user.id;
  if (policy.state !== "enabled") {
    return {
      possible: false,
      cause: "policy_disabled",
      reason:
        "Temporary Access Pass is turned off in the tenant's authentication methods policy. Ask an Authentication Policy Administrator to turn it on, then re-check.",
    };
  }
  if (user.userType?.toLowerCase() === "guest" && user.userPrincipalName?.includes("#EXT#")) {
    return {
      possible: false,
      cause: "external_guest",
      reason: `${who} is an external guest: Entra issues no Temporary Access Pass to external guests. Recover their access through their home organisation.`,
    };
  }
  const excludedBy = policy.excludeTargets
    .filter((t) => t.id === user.id || groups.has(t.id))
    .map((t) => t.id);
  if (excludedBy.length) {
    return {
      possible: false,
      cause: "excluded",
      reason: `${who} is in a group the TAP policy excludes (${list(names(excludedBy))}). Remove them from it in Entra, then re-check.`,
    };
  }
  if (!isTargeted(policy.includeTargets, user.id, groups)) {
    const included = names(policy.includeTargets.map((t) => t.id));
    return {
      possible: false,
      cause: "not_included",
      reason: `${who} is outside the TAP policy: it includes only ${list(included)}. Add ${who} to one of these groups in Entra, then re-check.`,
    };
  }
  if (user.accountEnabled === false) {
    return {
      possible: false,
      cause: "account_disabled",
      reason: `${who}'s account is disabled in Entra, so no pass would let them sign in. Enable the account first, then re-check.`,
    };
  }
  const once = policy.isUsableOnce ? " one-time" : "";
  return {
    possible: true,
    cause: "ok",
    reason: `A${once} pass of ${policy.minimumLifetimeInMinutes}–${policy.maximumLifetimeInMinutes} minutes (default ${policy.defaultLifetimeInMinutes}) can be issued.`,
  };
}

export function makePreflight(deps: {
  db: Db;
  graph: GraphPort;
  repo: PreflightRepository;
  clock: () => Date;
  /** The user's passes as just read live: stored as their TAP state (recovery/tap-state.ts) by the caller. */
  onTapsRead?: (userId: string, passes: TemporaryAccessPass[]) => Promise<void>;
}) {
  const { db, repo } = deps;

  async function groupNames(graph: GraphPort, ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    await Promise.all(
      ids
        .filter((id) => id !== "all_users")
        .map(async (id) => {
          // A group we cannot read is still named by its id: the sentence must not fail over a label.
          const g = await graph.getGroup(id).catch(() => null);
          out.set(id, g?.displayName ?? id);
        }),
    );
    return out;
  }

  async function replacementOf(userId: string, who: string): Promise<Preflight["replacement"]> {
    const row = await repo.user(db, userId);
    const anywhere = await repo.inStockAnywhere(db);
    if (row?.site) {
      const here = await repo.inStockAt(db, row.site.id);
      if (here > 0)
        return {
          possible: true,
          byHand: false,
          site: row.site.code,
          reason: `${here} key${here === 1 ? "" : "s"} in stock at ${row.site.code}.`,
        };
      if (anywhere > 0)
        return {
          possible: true,
          byHand: true,
          site: row.site.code,
          reason: `No key in stock at ${row.site.code}: pick one of the ${anywhere} in-stock keys elsewhere by hand.`,
        };
      return {
        possible: false,
        byHand: false,
        site: row.site.code,
        reason: `No key in stock at ${row.site.code} or anywhere else: receive stock first.`,
      };
    }
    const office = row?.officeLocation ? `office "${row.officeLocation}"` : "office";
    if (anywhere > 0)
      return {
        possible: true,
        byHand: true,
        site: null,
        reason: `${who}'s ${office} matches no site in KeyFleet: pick any of the ${anywhere} in-stock keys by hand.`,
      };
    return {
      possible: false,
      byHand: false,
      site: null,
      reason: `${who}'s ${office} matches no site in KeyFleet, and no key is in stock anywhere.`,
    };
  }

  return async function preflight(input: PreflightInput): Promise<Preflight> {
    const graph = deps.graph;
    try {
      const user = await graph.getUser(input.user, {
        select: ["id", "userPrincipalName", "displayName", "userType", "accountEnabled", "officeLocation"],
      });
      const [policy, groupIds, methods, passes] = await Promise.all([
        graph.getTapPolicy(),
        graph.getMemberGroupIds(user.id),
        graph.listFido2Methods(user.id),
        graph.listTemporaryAccessPasses(user.id),
      ]);
      await deps.onTapsRead?.(user.id, passes);
      const groups = new Set(groupIds);
      const names = await groupNames(
        graph,
        [...policy.includeTargets, ...policy.excludeTargets].map((t) => t.id),
      );
      const nameOf = (ids: string[]) =>
        ids.map((id) => (id === "all_users" ? "all users" : (names.get(id) ?? id)));
      const [serials, known] = await Promise.all([
        repo.keySerials(
          db,
          user.id,
          methods.map((m) => m.id),
        ),
        repo.knownAaguids(db, methods.map((m) => m.aaGuid ?? "").filter(Boolean)),
      ]);
      const revoking = input.revokeMethodIds ? new Set(input.revokeMethodIds) : null;
      const credentials = methods.map((m) => ({
        methodId: m.id,
        model: m.model ?? null,
        displayName: m.displayName ?? null,
        keySerial: serials.get(m.id) ?? null,
        kind: credentialKind(m, (a) => known.has(a)),
        isRevoked: revoking ? revoking.has(m.id) : true,
      }));
      const backup = credentials.filter((c) => !c.isRevoked).map((c) => c.methodId);
      const who = user.displayName ?? user.userPrincipalName ?? user.id;
      const tap = {
        ...checkTap(policy, user, groups, nameOf),
        minMinutes: policy.minimumLifetimeInMinutes,
        maxMinutes: policy.maximumLifetimeInMinutes,
        defaultMinutes: policy.defaultLifetimeInMinutes,
        isUsableOnce: policy.isUsableOnce,
        includeGroups: policy.includeTargets
          .filter((t) => t.id !== "all_users")
          .map((t) => ({ id: t.id, displayName: names.get(t.id) ?? t.id })),
        hasUsablePass: passes.some((p) => p.isUsable === true),
      };
      const replacement = await replacementOf(user.id, who);
      const stranded =
        !tap.possible && !tap.hasUsablePass && backup.length === 0 && !input.handedOverInPerson;
      return {
        userId: user.id,
        userPrincipalName: user.userPrincipalName ?? input.user,
        displayName: who,
        credentials,
        tap,
        backupKey: { present: backup.length > 0, methodIds: backup },
        replacement,
        stranded,
        summary: summaryOf(who, {
          stranded,
          backup: backup.length,
          tap,
          handedOver: input.handedOverInPerson === true,
        }),
        checkedAt: deps.clock(),
      };
    } catch (e) {
      if (isGraphError(e) && e.kind === "not_found")
        throw new AppError("NOT_FOUND", `No user "${input.user}" in Entra: check the name or id.`);
      throw e;
    }
  };
}

/** One sentence for the top of the case; the TAP line beside it carries the why and the what-to-do. */
function summaryOf(
  who: string,
  s: {
    stranded: boolean;
    backup: number;
    tap: { possible: boolean; hasUsablePass: boolean };
    handedOver: boolean;
  },
): string {
  if (s.backup > 0)
    return `${who} keeps ${s.backup} other passkey${s.backup === 1 ? "" : "s"} after this recovery, so they can still sign in.`;
  if (s.tap.hasUsablePass) return `${who} holds a usable Temporary Access Pass, so they can still sign in.`;
  if (s.tap.possible) return `${who} will have no passkey left, but a Temporary Access Pass can be issued.`;
  if (s.handedOver)
    return `${who} will have no passkey and no pass, but a replacement was handed over in person.`;
  return `Revoking would leave ${who} with no way to sign in: no other passkey, and no Temporary Access Pass can be issued.`;
}

export type PreflightFn = ReturnType<typeof makePreflight>;
