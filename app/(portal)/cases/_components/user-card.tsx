import Link from "next/link";
import type { z } from "zod";
import { Badge } from "@/app/_components/badge";
import type { requirementsOutput, userKeysOutput } from "@/server/modules/cases/cases.schemas";
import { methodPhrase } from "@/app/(portal)/_components/case-labels";

type CaseUser = z.infer<typeof userKeysOutput>["user"];

/** Who the case is for: the facts an agent checks before acting (privilege, site, the number on record). */
export function UserCard({ user }: { user: CaseUser }) {
  return (
    <div className="text-sm" data-testid="case-user">
      <p className="flex flex-wrap items-center gap-2">
        <Link
          href={`/users/${user.id}`}
          className="text-base font-semibold text-slate-900 hover:text-brand-700 hover:underline"
        >
          {user.displayName}
        </Link>
        {user.isPrivileged ? <Badge tone="warning">Privileged</Badge> : null}
        {!user.accountEnabled ? <Badge tone="danger">Disabled in Entra</Badge> : null}
      </p>
      <p className="break-all text-slate-600">{user.userPrincipalName}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">Department</dt>
        <dd>{user.department ?? "—"}</dd>
        <dt className="text-slate-500">Site</dt>
        <dd>{user.site ?? "—"}</dd>
        <dt className="text-slate-500">Phone on record</dt>
        <dd>{user.phoneOnRecord ?? <span className="text-amber-700">none — no callback possible</span>}</dd>
      </dl>
    </div>
  );
}

/** The verification policy as it applies to this user. */
export function RequirementsNote({ requirements }: { requirements: z.infer<typeof requirementsOutput> }) {
  const sufficient = requirements.methods.filter((m) => m.isSufficient);
  return (
    <div className="text-xs text-slate-600" data-testid="requirements">
      <p>
        Identity check of strength <strong>{requirements.requiredStrength}</strong>:{" "}
        {sufficient.length
          ? `${sufficient.map((m) => methodPhrase[m.method]).join(", or ")} on its own`
          : "combine methods the policy allows"}
        .
      </p>
      {requirements.needsApproval ? (
        <p className="mt-1 font-medium text-amber-800">
          Privileged: a second helpdesk agent must approve before any revocation or Temporary Access Pass.
        </p>
      ) : null}
    </div>
  );
}
