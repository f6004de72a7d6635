// Tests only (cases.kill.int.test.ts): a helpdesk agent working one case to its end in a process of its
// own — the same services and Graph adapter as the portal, on the database and tenant the environment
// names — so the test can SIGKILL it in the middle of a step. One line per move on stdout; never a pass.
//   node --conditions=react-server --import tsx server/modules/cases/kill-harness.ts --case <id> --step-lease-ms <ms>
import { parseArgs } from "node:util";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { closeDb, getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getGraphRuntime } from "@/server/runtime";
import { makeHelpdeskServices } from "./cases.wiring";

const { values } = parseArgs({
  options: { case: { type: "string" }, "step-lease-ms": { type: "string", default: "3000" } },
});
const caseId = values.case!;
const stepLeaseMs = Number(values["step-lease-ms"]);
const agent: RequestContext = {
  actor: { id: "demo-helpdesk", name: "Hana Ito", email: "hana.ito@keyfleet.demo", roles: ["helpdesk"] },
  requestId: `kill-harness-${process.pid}`,
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const db = await getDb();
const runtime = await getGraphRuntime();
const base = buildServices({ prisma: db.prisma, graph: runtime.graph });
// As the container wires them, with a step lease short enough for a test to wait out.
const { cases } = makeHelpdeskServices({
  uow: base.uow,
  graph: runtime.graph,
  clock: base.clock,
  audit: base.audit,
  policy: base.settings.recoveryPolicy,
  stepLeaseMs,
});

for (let move = 0; move < 40; move++) {
  const c = await cases.get(caseId);
  const step = c.steps.find((s) => s.isNext);
  if (!step) {
    say(`finished ${c.status}`);
    break;
  }
  say(`step ${step.kind} (${step.status}, attempt ${step.attempts + 1})`);
  try {
    if (step.kind === "issue_tap") {
      const r = await cases.issueTap(agent, {
        caseId,
        version: c.version,
        isUsableOnce: true,
        replaceExisting: step.needsDecision,
      });
      say(`done issue_tap: a pass of ${r.temporaryAccessPass.length} characters shown to the agent`);
    } else {
      await cases.runStep(agent, { caseId, version: c.version, stepId: step.id });
      say(`done ${step.kind}`);
    }
  } catch (e) {
    say(`refused ${step.kind}: ${e instanceof Error ? e.message : String(e)}`);
    // A step left running by a dead process is resumable once its lease lapses.
    const resumableAt = isAppError(e) ? e.details?.resumableAt : undefined;
    await sleep(
      resumableAt instanceof Date ? Math.max(0, resumableAt.getTime() - Date.now()) + 100 : stepLeaseMs,
    );
  }
}
await runtime.simulator?.stop();
await closeDb();
