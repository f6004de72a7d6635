import { Badge, type BadgeTone } from "@/app/_components/badge";
import { humanize } from "@/app/_components/format";

const tone: Record<string, BadgeTone> = {
  draft: "neutral",
  ordered: "info",
  partially_received: "warning",
  received: "success",
  cancelled: "neutral",
  closed: "neutral",
};
const label: Record<string, string> = { closed: "Closed short" };

export function PoStatusBadge({ status, isOverdue }: { status: string; isOverdue?: boolean }) {
  return (
    <span className="inline-flex gap-1">
      <Badge tone={tone[status] ?? "neutral"}>{label[status] ?? humanize(status)}</Badge>
      {isOverdue ? <Badge tone="danger">Overdue</Badge> : null}
    </span>
  );
}
