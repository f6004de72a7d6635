import { z } from "zod";
import { procedure, router } from "@/server/trpc/init";
import { auditListInput, auditListOutput, auditVerifyOutput } from "./audit.schemas";

export const auditRouter = router({
  list: procedure("audit.read")
    .input(auditListInput)
    .output(auditListOutput)
    .query(({ ctx, input }) => {
      const { cursor, pageSize, ...filter } = input;
      return ctx.services.audit.list(filter, { cursor, pageSize });
    }),
  actions: procedure("audit.read")
    .output(z.array(z.string()))
    .query(({ ctx }) => ctx.services.audit.actions()),
  verify: procedure("audit.read")
    .output(auditVerifyOutput)
    .query(({ ctx }) => ctx.services.audit.verify()),
});
