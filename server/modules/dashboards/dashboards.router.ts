import { procedure, router } from "@/server/trpc/init";
import {
  dashboardSummaryOutput,
  keyListInput,
  keyListOutput,
  userListInput,
  userExportInput,
  userListOutput,
} from "./dashboards.schemas";
import { csvExportOutput } from "@/server/modules/inventory/inventory.schemas";

export const dashboardRouter = router({
  summary: procedure("dashboard.read")
    .output(dashboardSummaryOutput)
    .query(({ ctx }) => ctx.services.dashboard.summary()),
  keys: procedure("keys.read")
    .input(keyListInput)
    .output(keyListOutput)
    .query(({ ctx, input }) => ctx.services.dashboard.listKeys(input)),
  users: procedure("users.read")
    .input(userListInput)
    .output(userListOutput)
    .query(({ ctx, input }) => ctx.services.dashboard.listUsers(input)),
  exportUsers: procedure("users.read")
    .input(userExportInput)
    .output(csvExportOutput)
    .query(({ ctx, input }) => ctx.services.dashboard.exportUsers(input)),
});
