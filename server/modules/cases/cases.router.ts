import { procedure, router } from "@/server/trpc/init";
import {
  agentsOutput,
  triageInput,
  approvalsInput,
  approvalsOutput,
  approvalsWaitingOutput,
  caseIdInput,
  caseOutput,
  closeInput,
  decideApprovalInput,
  decideApprovalOutput,
  listInput,
  listOutput,
  openInput,
  openOutput,
  requestApprovalInput,
  runStepInput,
  userKeysInput,
  userKeysOutput,
  verifyInput,
} from "./cases.schemas";
import { casePreflightInput, preflightOutput, recordHandoverInput } from "./preflight.schemas";

// The lost-key runbook (docs/ARCHITECTURE.md, "Path 2"; docs/RECOVERY.md): open → verify → (four eyes) → revoke → mark → reserve → TAP → close.
// TAP issuance lives in the recovery router (its own permission, and the only response carrying a pass).
export const casesRouter = router({
  list: procedure("cases.read")
    .input(listInput)
    .output(listOutput)
    .query(({ ctx, input }) => ctx.services.cases.list(input, ctx.request)),
  userKeys: procedure("cases.read")
    .input(userKeysInput)
    .output(userKeysOutput)
    .query(({ ctx, input }) => ctx.services.cases.userKeys(input.userId)),
  get: procedure("cases.read")
    .input(caseIdInput)
    .output(caseOutput)
    .query(({ ctx, input }) => ctx.services.cases.get(input.id)),

  open: procedure("cases.write")
    .input(openInput)
    .output(openOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.open(ctx.request, input)),
  verify: procedure("cases.write")
    .input(verifyInput)
    .output(caseOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.verify(ctx.request, input)),
  requestApproval: procedure("cases.write")
    .input(requestApprovalInput)
    .output(caseOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.requestApproval(ctx.request, input)),
  runStep: procedure("cases.revoke")
    .input(runStepInput)
    .output(caseOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.runStep(ctx.request, input)),
  preflight: procedure("cases.read")
    .input(casePreflightInput)
    .output(preflightOutput)
    .query(({ ctx, input }) => ctx.services.cases.preflight(input.caseId)),
  recordHandover: procedure("cases.revoke")
    .input(recordHandoverInput)
    .output(caseOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.recordHandover(ctx.request, input)),
  /** Agents a case can be assigned to (the wizard's and the case page's picker, the list's filter). */
  agents: procedure("cases.read")
    .output(agentsOutput)
    .query(({ ctx }) => ctx.services.cases.agents(ctx.request)),
  setTriage: procedure("cases.write")
    .input(triageInput)
    .output(caseOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.setTriage(ctx.request, input)),
  close: procedure("cases.write")
    .input(closeInput)
    .output(caseOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.close(ctx.request, input)),

  approvals: procedure("cases.approve")
    .input(approvalsInput)
    .output(approvalsOutput)
    .query(({ ctx, input }) => ctx.services.cases.approvals(ctx.request, input)),
  /** The navigation's badge: requests waiting that this actor may decide (never their own). */
  approvalsWaiting: procedure("cases.approve")
    .output(approvalsWaitingOutput)
    .query(({ ctx }) => ctx.services.cases.waitingForMe(ctx.request)),
  decideApproval: procedure("cases.approve")
    .input(decideApprovalInput)
    .output(decideApprovalOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.decideApproval(ctx.request, input)),
});
