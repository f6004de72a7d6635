import Link from "next/link";
import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { ExportButton } from "@/app/_components/export-button";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { attempt, SimpleTable, Unavailable } from "../../_components/levers-ui";
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "Failed sign-ins" };

const cell = "px-5 py-2";

/** The sign-ins behind one count of the failures page (a code, a model, a site, a week or a person), paged. */
export default async function FailureListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("levers.read");
  const sp = await searchParams;
  const text = (k: string) => readParam(sp, k)?.slice(0, 200) || undefined;
  const num = (k: string) => {
    const raw = readParam(sp, k);
    return raw !== undefined && Number.isInteger(Number(raw)) ? Number(raw) : undefined;
  };
  const weeks = Math.min(26, Math.max(1, num("weeks") ?? 4));
  const filter = {
    weeks,
    errorCode: num("errorCode"),
    model: text("model"),
    site: text("site"),
    week: text("week"),
    userId: text("userId"),
  };
  const page = Math.max(1, num("page") ?? 1);
  const r = await attempt(async () => (await serverCaller()).levers.signInFailureList({ ...filter, page }));
  const canUsers = can(actor.roles, "users.read");
  const about = [
    filter.errorCode !== undefined ? `error code ${filter.errorCode}` : null,
    filter.model ? `model ${filter.model}` : null,
    filter.site ? `site ${filter.site}` : null,
    filter.week ? `the week of ${filter.week}` : null,
    filter.userId ? "one person" : null,
  ].filter(Boolean);
  const defined = Object.fromEntries(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const href = (p: number) => `?${new URLSearchParams({ ...defined, page: String(p) })}`;
  return (
    <>
      <PageHeader
        eyebrow="Sign-in failures"
        title="Failed sign-ins"
        description={`Sign-ins that failed at a FIDO2 security key in the last ${weeks === 1 ? "week" : `${weeks} weeks`}${about.length ? `, for ${about.join(", ")}` : ""}. Newest first.`}
      />
      <p className="mb-4 text-sm">
        <Link href={`/rollout/sign-in-failures?weeks=${weeks}`} className={textLink}>
          ← Sign-in failures
        </Link>
      </p>
      {!r.ok ? (
        <Unavailable title="These sign-ins could not be shown" message={r.message} />
      ) : (
        <Panel
          title={`${r.value.total} failed sign-ins`}
          actions={<ExportButton source={{ table: "signInFailures", input: filter }} />}
        >
          {r.value.rows.length === 0 ? (
            <p className="text-sm text-slate-600">None in this period.</p>
          ) : (
            <SimpleTable label="Failed sign-ins" head={["When", "Person", "Error", "Key model", "Site"]}>
              {r.value.rows.map((f) => (
                <tr key={f.id}>
                  <td className={`${cell} whitespace-nowrap`}>{formatDateTime(f.at)}</td>
                  <td className={cell}>
                    {canUsers ? (
                      <Link className={textLink} href={`/users/${f.userId}`}>
                        {f.displayName}
                      </Link>
                    ) : (
                      f.displayName
                    )}
                    <p className="text-xs text-slate-500">{f.userPrincipalName}</p>
                  </td>
                  <td className={cell}>
                    {f.errorCode}
                    {f.reason ? <p className="text-xs text-slate-500">{f.reason}</p> : null}
                  </td>
                  <td className={cell}>{f.model}</td>
                  <td className={cell}>{f.site}</td>
                </tr>
              ))}
            </SimpleTable>
          )}
          {r.value.total > r.value.pageSize ? (
            <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
              {r.value.page > 1 ? <Link href={href(r.value.page - 1)}>← Previous</Link> : null}
              <span className="text-slate-500">
                Page {r.value.page} of {Math.ceil(r.value.total / r.value.pageSize)}
              </span>
              {r.value.page * r.value.pageSize < r.value.total ? (
                <Link href={href(r.value.page + 1)}>Next →</Link>
              ) : null}
            </nav>
          ) : null}
        </Panel>
      )}
    </>
  );
}
