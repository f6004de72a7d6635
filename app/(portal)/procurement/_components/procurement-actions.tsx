import { Plus } from "lucide-react";
import Link from "next/link";
import { primaryLink, secondaryButton } from "@/app/_components/styles";

/** A procurement list page's header actions: back to the overview, and (for a buyer) add one more. */
export function ProcurementActions({
  addHref,
  addLabel,
  canWrite,
}: {
  addHref: string;
  addLabel: string;
  canWrite: boolean;
}) {
  return (
    <>
      <Link href="/procurement" className={secondaryButton}>
        Back to procurement
      </Link>
      {canWrite ? (
        <Link href={addHref} className={primaryLink}>
          <Plus aria-hidden className="size-4" />
          {addLabel}
        </Link>
      ) : null}
    </>
  );
}
