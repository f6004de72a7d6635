import { Badge } from "@/app/_components/badge";
import type { caseStatuses } from "@/server/modules/cases/cases.schemas";
import { statusLabel, statusTone } from "@/app/(portal)/_components/case-labels";

export function CaseStatusBadge({ status }: { status: (typeof caseStatuses)[number] }) {
  return <Badge tone={statusTone[status]}>{statusLabel[status]}</Badge>;
}
