import { formatDate } from "@/app/_components/format";

const sourceLabel = {
  graph: "from Entra (lastUsedDateTime)",
  sign_in_log: "from the sign-in log",
} as const;

/** A credential's "last used" and where the figure came from: Entra's own (beta, preferred) or the sign-in log. */
export function LastUsed({ at, source }: { at: Date | null; source: keyof typeof sourceLabel | null }) {
  if (!at) return <span title="Neither Entra nor the sign-in log has a use of this credential">—</span>;
  return (
    <>
      {formatDate(at)}
      {source ? (
        <span className="block text-slate-500" data-testid="last-used-source">
          {sourceLabel[source]}
        </span>
      ) : null}
    </>
  );
}
