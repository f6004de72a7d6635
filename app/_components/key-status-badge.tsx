import { Badge, type BadgeTone } from "./badge";
import { humanize } from "./format";

const tones: Record<string, BadgeTone> = {
  ordered: "neutral",
  in_stock: "info",
  reserved: "brand",
  assigned: "brand",
  active: "success",
  returned: "neutral",
  lost: "warning",
  stolen: "danger",
  damaged: "attention", // orange, as in the status bar: not the amber of "lost"
  retired: "neutral",
};

export function KeyStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? "neutral"}>{humanize(status)}</Badge>;
}
