import { z } from "zod";
import { procedure, router } from "@/server/trpc/init";
import {
  auditActorsOutput,
  auditPickInput,
  auditSubjectsOutput,
  auditExportInput,
  auditExportOutput,
  auditListInput,
  auditListOutput,
  auditVerifyOutput,
} from "./audit.schemas";

export const auditRouter = router({
  list: procedure("audit.read")
    .input(auditListInput)
    .output(auditListOutput)
    .query(({ ctx, input }) => {
      const { cursor, pageSize, ...filter } = input;
      return ctx.services.audit.list(filter, { cursor, pageSize });
    }),
  // A read, but one that copies the trail out of KeyFleet: recorded in the trail itself.
  export: procedure("audit.read")
    .input(auditExportInput)
    .output(auditExportOutput)
    .mutation(({ ctx, input }) => {
      const { format, ...filter } = input;
      return ctx.services.audit.exportTrail(ctx, filter, format);
    }),
  actions: procedure("audit.read")
    .output(z.array(z.string()))
    .query(({ ctx }) => ctx.services.audit.actions()),
  /** The actor filter's type-ahead: people who have acted, by name. */
  actors: procedure("audit.read")
    .input(auditPickInput)
    .output(auditActorsOutput)
    .query(({ ctx, input }) => ctx.services.audit.pickActors(input.q)),
  /** The subject filter's type-ahead: people, keys, orders, cases, waves and batches by name. */
  subjects: procedure("audit.read")
    .input(auditPickInput)
    .output(auditSubjectsOutput)
    .query(({ ctx, input }) => ctx.services.audit.pickSubjects(input.q)),
  verify: procedure("audit.read")
    .output(auditVerifyOutput)
    .query(({ ctx }) => ctx.services.audit.verify()),
});
