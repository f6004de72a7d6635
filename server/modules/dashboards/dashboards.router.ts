import { procedure, router } from "@/server/trpc/init";
import {
  dashboardSummaryOutput,
  keyListInput,
  keyListOutput,
  userListInput,
  userListOutput,
} from "./dashboards.schemas";

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
});
