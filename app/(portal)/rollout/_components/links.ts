import type { UserState } from "@/server/modules/rollout/rollout.constants";

// Drill-down addresses: the users or keys list with the filters that reproduce a bar.

export function usersHref(f: {
  wave?: string;
  department?: string;
  site?: string;
  state: UserState;
  stale?: number;
}): string {
  const p = new URLSearchParams();
  if (f.wave) p.set("wave", f.wave);
  if (f.department) p.set("department", f.department);
  if (f.site) p.set("site", f.site);
  p.set("state", f.state);
  if (f.stale) p.set("stale", String(f.stale));
  return `/users?${p.toString()}`;
}

export function keysHref(f: { status: string; site?: string }): string {
  const p = new URLSearchParams({ status: f.status });
  if (f.site) p.set("site", f.site);
  return `/keys?${p.toString()}`;
}

/** A rollout URL with one parameter changed (the others kept), for the chart selectors. */
export function withParam(
  current: Record<string, string | undefined>,
  name: string,
  value: string | null,
): string {
  const p = new URLSearchParams(Object.entries(current).filter((e): e is [string, string] => Boolean(e[1])));
  if (value) p.set(name, value);
  else p.delete(name);
  const q = p.toString();
  return q ? `/rollout?${q}` : "/rollout";
}
