import Link from "next/link";
import type { serverCaller } from "@/server/trpc/context";
import { inlineLink } from "@/app/_components/styles";

const th = "pb-2 pr-3 font-medium";

type Assigned = Awaited<
  ReturnType<Awaited<ReturnType<typeof serverCaller>>["assignment"]["followUps"]>
>["items"];

/** Assignments waiting on the person: who, which key, how it reached them, and for how long. */
export function AssignedTable({ items, testId }: { items: Assigned; testId: string }) {
  return (
    <>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs text-slate-500">
          <tr>
            <th className={th}>User</th>
            <th className={th}>Key</th>
            <th className={th}>Handover</th>
            <th className={th}>Days</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((a) => (
            <tr key={a.assignmentId}>
              <td className="py-1.5 pr-3">
                <Link className={inlineLink} href={`/users/${a.userId}`}>
                  {a.displayName}
                </Link>
              </td>
              <td className="py-1.5 pr-3 font-mono">
                <Link className={inlineLink} href={`/keys/${a.keyId}`}>
                  {a.serial}
                </Link>
              </td>
              <td className="py-1.5 pr-3 text-xs">
                {a.handover === "shipped"
                  ? a.deliveredAt
                    ? "shipped, delivered"
                    : "shipped, not delivered"
                  : "in person"}
              </td>
              <td className="py-1.5 pr-3">{a.daysSince}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
