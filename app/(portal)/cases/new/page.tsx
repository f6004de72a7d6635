import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { OpenCaseForm } from "./_components/open-case-form";
import { UserFinder } from "./_components/user-finder";
import { WizardSteps } from "./_components/wizard-steps";
import { secondaryButton } from "@/app/_components/styles";

export const metadata = { title: "New case" };

// The wizard's state is the URL: no user yet → find one; ?userId= → pick keys and what happened
// (?keyId= preselects the key a serial search found). A link reproduces the step.
export default async function NewCasePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("cases.write");
  const sp = await searchParams;
  const userId = readParam(sp, "userId");
  const data = userId
    ? await (await serverCaller()).cases.userKeys({ userId }).catch((e: unknown) => {
        if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
        throw e;
      })
    : null;
  return (
    <>
      <PageHeader
        eyebrow="Cases"
        title="New case"
        description="Find the person, pick the key or keys concerned and say what happened. Nothing changes in Entra until you run a step on the case — each step tells you what it will do first."
        actions={
          <Link href="/cases" className={secondaryButton}>
            Cancel
          </Link>
        }
      />
      <WizardSteps current={data ? 2 : 1} />
      {data ? (
        <OpenCaseForm data={data} preselectedKeyId={readParam(sp, "keyId")} me={actor.id} />
      ) : (
        <Panel
          title="Find the user"
          description="By name, user principal name (UPN), or the serial printed on the key."
        >
          <UserFinder />
        </Panel>
      )}
    </>
  );
}
