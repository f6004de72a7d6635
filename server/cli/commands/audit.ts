import { buildServices } from "../../container";
import { getDb } from "../../db/client";
import { CommandError, defineCommand } from "../registry";

export const auditVerify = defineCommand({
  name: "audit verify",
  summary: "check the audit trail's hash chain; names the first broken link (exit 1)",
  async run() {
    const db = await getDb();
    const verdict = await buildServices({ prisma: db.prisma }).audit.verify();
    if (!verdict.ok) {
      throw new CommandError(
        `Audit chain BROKEN at event #${verdict.brokenAt}: ${verdict.reason}. ${verdict.checked} event(s) before it verified.`,
        1,
      );
    }
    return { data: verdict, text: `Audit chain intact: ${verdict.checked} event(s) verified.` };
  },
});
