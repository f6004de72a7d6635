import {
  readEnumParam,
  readParam,
  readTableView,
  type SearchParams,
} from "@/app/_components/data-table/url-state";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { userSortColumns } from "@/server/modules/dashboards/dashboards.schemas";
import { NO_DEPARTMENT, userStateLabels, userStates } from "@/server/modules/rollout/rollout.constants";
import { serverCaller } from "@/server/trpc/context";
import { UserTabs } from "./_components/user-tabs";
import { UsersTable } from "./_components/users-table";

export const metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("users.read");
  const sp = await searchParams;
  const view = readTableView(sp, { sortable: userSortColumns, defaultSort: { id: "name", desc: false } });
  const q = readParam(sp, "q");
  const passwordless = readEnumParam(sp, "passwordless", ["yes", "no"] as const);
  const privileged = readEnumParam(sp, "privileged", ["yes", "no"] as const);
  // Rollout drill-downs (/rollout) arrive with a wave, department, site and state.
  const rollout = {
    waveId: readParam(sp, "wave"),
    department: readParam(sp, "department"),
    siteId: readParam(sp, "site"),
    state: readEnumParam(sp, "state", userStates),
  };
  const stale = Number(readParam(sp, "stale"));
  const staleDays = Number.isInteger(stale) && stale >= 7 && stale <= 730 ? stale : undefined;
  const filter = { q, passwordless, privileged, ...rollout, staleDays };
  const caller = await serverCaller();
  const [result, waves] = await Promise.all([
    caller.dashboard.users({ ...view, ...filter }),
    rollout.waveId && can(actor.roles, "rollout.read") ? caller.rollout.waves() : Promise.resolve([]),
  ]);
  const context = [
    rollout.waveId ? (waves.find((w) => w.id === rollout.waveId)?.name ?? "One rollout wave") : null,
    rollout.department
      ? `Department: ${rollout.department === NO_DEPARTMENT ? "none" : rollout.department}`
      : null,
    rollout.siteId ? (rollout.siteId === NO_DEPARTMENT ? "No site" : "One site") : null,
  ].filter((x): x is string => x !== null);
  return (
    <>
      <PageHeader
        eyebrow="Directory"
        title="Users"
        description="People in the Entra directory, mirrored by sync: their department and site, and whether they can already sign in without a password."
      />
      <UserTabs current="/users" />
      <UsersTable
        rows={result.items}
        total={result.total}
        view={view}
        filter={filter}
        isFiltered={Boolean(q || passwordless || privileged || Object.values(rollout).some(Boolean))}
        rolloutContext={context.length ? context.join(" · ") : null}
        stateOptions={userStates.map((v) => ({ value: v, label: userStateLabels[v] }))}
      />
    </>
  );
}
