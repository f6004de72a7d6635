import type { GraphPort } from "@/server/graph/port";
import { settingKeys, type PhaseDeps, type PhaseRun } from "./sync.types";

async function memberUserIds(g: GraphPort, groupId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of g.listGroupMembers(groupId, { transitive: true, top: 999 })) {
    for (const o of page) if (o.odataType === "#microsoft.graph.user") ids.push(o.id);
  }
  return ids;
}

/**
 * Wave membership from the waves' groups, and the members of the configured privileged groups
 * (null when none is configured, so privilege comes from the report's isAdmin alone).
 */
export async function syncGroups(d: PhaseDeps, { graph: g, state: s }: PhaseRun): Promise<string[] | null> {
  for (const wave of await d.directory.groupWaves(d.uow.db)) {
    try {
      const ids = new Set<string>();
      for (const groupId of wave.groupIds) for (const id of await memberUserIds(g, groupId)) ids.add(id);
      await d.directory.replaceWaveMembers(d.uow.db, wave.id, [...ids], d.clock());
    } catch (e) {
      s.error(`wave ${wave.id}: ${(e as Error).message}`);
    }
  }
  const privilegedGroups = (await d.repo.getSetting<string[]>(d.uow.db, settingKeys.privilegedGroups)) ?? [];
  if (!privilegedGroups.length) return null;
  const ids = new Set<string>();
  for (const groupId of privilegedGroups) for (const id of await memberUserIds(g, groupId)) ids.add(id);
  return [...ids];
}
