// The sync's defaults, one value each: server/env.ts gives them to the SYNC_* variables and the sync
// service falls back on them when built without (tests). Change a default here, and README.md's table.

/** SYNC_INTERVAL_MINUTES: how often the scheduled (incremental) sync runs (server/jobs/cadence.ts). */
export const DEFAULT_INTERVAL_MINUTES = 15;
/** SYNC_LEASE_SECONDS: how long a run may go without a heartbeat before another process may take over. */
export const DEFAULT_LEASE_SECONDS = 30;
/** SYNC_RUN_BUDGET_MINUTES: how long a run keeps retrying throttled reads. */
export const DEFAULT_RUN_BUDGET_MINUTES = 50;
/** SYNC_REPORT_INTERVAL_MINUTES: how often the registration report is read. */
export const DEFAULT_REPORT_INTERVAL_MINUTES = 60;
/** SYNC_SWEEP_DAYS: everyone's methods are read again within this period. */
export const DEFAULT_SWEEP_DAYS = 7;
