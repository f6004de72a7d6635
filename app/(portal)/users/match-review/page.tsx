import Link from "next/link";
import { ListPager, readListPage, redirectPastEnd } from "@/app/_components/list-pager";
import type { SearchParams } from "@/app/_components/data-table/url-state";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { UserTabs } from "../_components/user-tabs";
import { ReviewQueue } from "./_components/review-queue";
import { inlineLink } from "@/app/_components/styles";

export const metadata = { title: "Match review" };

const PAGE_SIZE = 20;

export default async function MatchReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("users.read");
  const sp = await searchParams;
  const page = readListPage(sp, "page");
  const api = await serverCaller();
  const queue = await api.matching.reviews({ page, pageSize: PAGE_SIZE });
  redirectPastEnd("/users/match-review", sp, [
    { name: "page", page, pageSize: PAGE_SIZE, total: queue.total },
  ]);
  return (
    <>
      <PageHeader
        eyebrow="Directory"
        title="Match review"
        description={
          <>
            Credentials that appeared in Entra for someone holding more than one key they could be. KeyFleet
            never guesses: confirm which key it is (ask the person, or read the serial at the desk), or reject
            the review to leave the credential unlinked. See also{" "}
            <Link className={inlineLink} href="/users/reconciliation">
              reconciliation
            </Link>
            .
          </>
        }
      />
      <UserTabs current="/users/match-review" />
      <Panel title={`Waiting for a decision (${queue.total})`}>
        <ReviewQueue items={queue.items} canDecide={can(actor.roles, "keys.assign")} />
        <ListPager
          path="/users/match-review"
          params={sp}
          name="page"
          page={page}
          pageSize={PAGE_SIZE}
          total={queue.total}
          noun="reviews"
          label="the match review queue"
        />
      </Panel>
    </>
  );
}
