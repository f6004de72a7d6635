"use client";

import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "../empty-state";
import { useTableUrl } from "./use-table-url";
import { TABLE_PARAMS } from "./url-state";
import { inlineLink } from "../styles";

const nf = new Intl.NumberFormat("en-GB");

/**
 * A page past the end of a list that is not empty (an old link, a typed ?page=999, a cursor older than
 * the oldest row): say so and link to a page that exists, instead of an empty table that reads as "no rows".
 */
export function NoSuchPage(
  props: { mode: "offset"; page: number; pageCount: number; noun: string } | { mode: "cursor"; noun: string },
) {
  const { hrefWith } = useTableUrl();
  if (props.mode === "cursor")
    return (
      <EmptyState icon={FileQuestion} title="No such page">
        This page is past the oldest of these {props.noun}.{" "}
        <Link className={inlineLink} href={hrefWith({}, { resetPage: true })}>
          Go to the newest {props.noun}
        </Link>
        .
      </EmptyState>
    );
  const last = Math.max(props.pageCount, 1);
  return (
    <EmptyState icon={FileQuestion} title="No such page">
      There is no page {nf.format(props.page)}: these {props.noun} fill {nf.format(last)}{" "}
      {last === 1 ? "page" : "pages"}.{" "}
      <Link className={inlineLink} href={hrefWith({ [TABLE_PARAMS.page]: last > 1 ? String(last) : null })}>
        Go to the last page ({nf.format(last)})
      </Link>
      .
    </EmptyState>
  );
}
