import type { HandoverMethodName } from "@/app/(portal)/_components/handover-method";

/** The enrollment desk's words for how the enrolled key reaches its holder. */
export const DESK_LABELS: Record<HandoverMethodName, string> = {
  in_person: "Handed over now",
  shipped: "Enrolled, to ship",
};
