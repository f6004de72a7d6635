import Link from "next/link";
import type { z } from "zod";
import { Badge } from "@/app/_components/badge";
import type { requirementsOutput, userKeysOutput } from "@/server/modules/cases/cases.schemas";

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

/** The verification policy as it applies to this user, in the server's words (rule and reason). */
export function RequirementsNote({ requirements }: { requirements: z.infer<typeof requirementsOutput> }) {
  return (
    <div className="text-xs text-slate-600" data-testid="requirements">
      <p>{requirements.summary}</p>
      {requirements.needsApproval ? (
        <p className="mt-1 font-medium text-amber-800">
          A second helpdesk agent must also approve before any revocation or Temporary Access Pass.
        </p>
      ) : null}
    </div>
  );
}
