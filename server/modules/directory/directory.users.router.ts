import { can } from "@/server/auth/permissions";
import { procedure, router } from "@/server/trpc/init";
import {
  searchInput,
  searchOutput,
  setSiteInput,
  setSiteOutput,
  userPageInput,
  userPageOutput,
} from "./directory.users.schemas";

export const usersRouter = router({
  get: procedure("users.read")
    .input(userPageInput)
    .output(userPageOutput)
    .query(({ ctx, input }) => ctx.services.directoryUsers.userPage(input.id, ctx.actor)),
  // The site decides where a user's keys come from: set by those who assign keys.
  setSite: procedure("keys.assign")
    .input(setSiteInput)
    .output(setSiteOutput)
    .mutation(({ ctx, input }) => ctx.services.directoryUsers.setSite(ctx.request, input)),
  // The global search box: everyone who can see keys finds serials; people only those who may read users.
  search: procedure("keys.read")
    .input(searchInput)
    .output(searchOutput)
    .query(({ ctx, input }) =>
      ctx.services.directoryUsers.search(input.q, { withUsers: can(ctx.actor.roles, "users.read") }),
    ),
});
