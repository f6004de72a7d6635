import type { Db, Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { TapCapDeps } from "./recovery.deps";
import { HOUR_MS } from "./tap-types";

// The hourly TAP cap per agent (docs/SECURITY.md, "TAP cap"). A pass counts from the moment its step is
// persisted as running, not only once it is recorded as issued, and the count is taken under a
// transaction-scoped lock per agent: six simultaneous requests with a cap of five see each other, and the
// sixth is refused. The transaction that turns a running step into an issuance takes the same lock, so
// a count (two statements, each with its own snapshot under READ COMMITTED) never falls between the two
// states and misses the pass. The Graph call itself stays outside any transaction.

export function makeTapCap(deps: TapCapDeps) {
  const { recovery, approvals, clock, policy } = deps;

  /** Passes the agent issued in the last hour, plus those being issued now (other than `exceptStepId`). */
  async function counted(db: Db, agentId: string, exceptStepId?: string) {
    const since = new Date(clock().getTime() - HOUR_MS);
    const [issued, inFlight] = await Promise.all([
      recovery.issuedBySince(db, agentId, since),
      recovery.tapStepsInFlightBy(db, agentId, since, exceptStepId),
    ]);
    return issued + inFlight;
  }

  return {
    counted,

    /** Taken by the transaction that records an issuance (see above). */
    lock: (tx: Tx, agentId: string) => recovery.lockAgentTaps(tx, agentId),

    async isOverCap(db: Db, agentId: string) {
      return (await counted(db, agentId)) >= (await policy(db)).tap.capPerAgentPerHour;
    },

    /**
     * Inside the transaction that marks the TAP step running: under the agent's lock, either there is room
     * under the cap, or an over-cap approval for this agent on this case, newer than the case's last pass
     * (one approval, one pass). Returns whether the pass is over the cap; refuses otherwise.
     */
    async claimSlot(tx: Tx, agentId: string, caseId: string, stepId: string): Promise<boolean> {
      await recovery.lockAgentTaps(tx, agentId);
      const cap = (await policy(tx)).tap.capPerAgentPerHour;
      const issued = await counted(tx, agentId, stepId);
      if (issued < cap) return false;
      const since = (await recovery.lastIssuanceOfCase(tx, caseId))?.createdAt ?? new Date(0);
      if (await approvals.approvedSince(tx, caseId, "tap_over_cap", since, agentId)) return true;
      throw new AppError(
        "PRECONDITION_FAILED",
        `You issued ${issued} TAPs in the last hour, counting any being issued right now (the cap is ${cap}): ask another agent to approve this one from the case.`,
        {
          needsApproval: "tap_over_cap",
          cap,
          issued,
        },
      );
    },
  };
}

export type TapCap = ReturnType<typeof makeTapCap>;
