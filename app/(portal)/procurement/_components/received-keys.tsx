"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { OffsetPager } from "@/app/_components/data-table/pager";
import { formatDate } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { Panel } from "@/app/_components/page-header";
import { useTRPC } from "@/app/_lib/trpc";
import { textLink } from "@/app/_components/styles";

const PAGE_SIZES = [25, 50, 100] as const;

/** The serials received against an order, newest first, a page at a time (an order may hold thousands). */
export function ReceivedKeys({ poId }: { poId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const { data, error } = useQuery({
    ...trpc.procurement.receivedKeys.queryOptions({ poId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const total = data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Panel title="Received serials" className="mt-6">
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          The received serials could not be read. Reload the page; if it persists, quote the time to your
          administrator.
        </p>
      ) : total === 0 ? (
        <p className="text-sm text-slate-500" data-testid="received-none">
          Nothing has been received against this order yet.
        </p>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="received-keys">
              <caption className="sr-only">Keys received against this order</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1.5 pr-3">Serial</th>
                  <th className="pr-3">Model</th>
                  <th className="pr-3">Status now</th>
                  <th className="pr-3">Site now</th>
                  <th>Received</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data?.items.map((k) => (
                  <tr key={k.id}>
                    <td className="py-1.5 pr-3 font-mono">
                      <Link href={`/keys/${k.id}`} className={textLink}>
                        {k.serial}
                      </Link>
                    </td>
                    <td className="pr-3">{k.model}</td>
                    <td className="pr-3">
                      <KeyStatusBadge status={k.status} />
                    </td>
                    <td className="pr-3">{k.site}</td>
                    <td>{formatDate(k.receivedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <OffsetPager
            total={total}
            noun="keys"
            pageIndex={page - 1}
            pageSize={pageSize}
            pageCount={pageCount}
            pageSizes={PAGE_SIZES}
            canPrevious={page > 1}
            canNext={page < pageCount}
            onFirst={() => setPage(1)}
            onPrevious={() => setPage((p) => Math.max(1, p - 1))}
            onNext={() => setPage((p) => Math.min(pageCount, p + 1))}
            onLast={() => setPage(pageCount)}
            onPageSize={(size) => {
              setPageSize(size);
              setPage(1);
            }}
          />
        </>
      )}
    </Panel>
  );
}
