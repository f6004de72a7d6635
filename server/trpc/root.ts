import { assignmentRouter } from "@/server/modules/assignment/assignment.router";
import { auditRouter } from "@/server/modules/audit/audit.router";
import { casesRouter } from "@/server/modules/cases/cases.router";
import { enrollmentRouter } from "@/server/modules/enrollment/enrollment.router";
import { dashboardRouter } from "@/server/modules/dashboards/dashboards.router";
import { usersRouter } from "@/server/modules/directory/directory.users.router";
import { inventoryRouter } from "@/server/modules/inventory/inventory.router";
import { procurementRouter } from "@/server/modules/procurement/procurement.router";
import { recoveryRouter } from "@/server/modules/recovery/recovery.router";
import { matchingRouter } from "@/server/modules/matching/matching.router";
import { leversRouter } from "@/server/modules/levers/levers.router";
import { messagesRouter } from "@/server/modules/messages/messages.router";
import { rolloutRouter } from "@/server/modules/rollout/rollout.router";
import { settingsRouter } from "@/server/modules/settings/settings.router";
import { setupRouter } from "@/server/modules/setup/setup.router";
import { syncRouter } from "@/server/modules/sync/sync.router";
import { router } from "./init";

export const appRouter = router({
  assignment: assignmentRouter,
  users: usersRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
  settings: settingsRouter,
  inventory: inventoryRouter,
  procurement: procurementRouter,
  sync: syncRouter,
  rollout: rolloutRouter,
  cases: casesRouter,
  recovery: recoveryRouter,
  enrollment: enrollmentRouter,
  setup: setupRouter,
  levers: leversRouter,
  matching: matchingRouter,
  messages: messagesRouter,
});

export type AppRouter = typeof appRouter;
