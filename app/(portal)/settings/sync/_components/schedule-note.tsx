import { formatDateTime } from "@/app/_components/format";
import type { RouterOutputs } from "@/app/_lib/trpc";
import { period } from "./schedule-text";

/** "Next incremental sync: 6 Dec 2026, 10:15 UTC (every 15 minutes)", and the slower reads' periods. */
export function ScheduleNote({ schedule: s }: { schedule: RouterOutputs["sync"]["schedule"] }) {
  return (
    <div className="mb-4 text-sm text-slate-700" data-testid="sync-schedule">
      <p className="font-medium text-slate-900" data-testid="sync-next">
        Next incremental sync: {formatDateTime(s.nextSyncAt)} (every {period(s.intervalMinutes)})
      </p>
      <p className="mt-1 text-slate-600">
        The registration report is read every {period(s.reportIntervalMinutes)}, and everyone&apos;s security
        keys are read again at least every {period(s.sweepDays * 24 * 60)}.
      </p>
    </div>
  );
}
