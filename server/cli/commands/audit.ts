import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";
import { buildServices } from "../../container";
import { getDb } from "../../db/client";
import {
  describeCheckpoint,
  parseCheckpointLine,
  type Checkpoint,
} from "../../modules/audit/audit.checkpoint";
import { CommandError, defineCommand } from "../registry";

export const auditVerify = defineCommand({
  name: "audit verify",
  usage: "[--checkpoints <log file>]",
  summary:
    "check the audit trail's hash chain (and, with --checkpoints, that no logged head is gone); exit 1 naming the break",
  async run({ options }) {
    const file = options.checkpoints;
    if (file === true)
      throw new CommandError("--checkpoints needs the path of a log file with `audit.checkpoint` lines", 2);
    // Read the log first: a wrong path should not cost a walk over the whole trail.
    const checkpoints = file === undefined ? null : await readCheckpoints(file);
    const db = await getDb();
    const audit = buildServices({ prisma: db.prisma }).audit;
    const verdict = await audit.verify();
    if (!verdict.ok) {
      throw new CommandError(
        `Audit chain BROKEN at event #${verdict.brokenAt}: ${verdict.reason}. ${verdict.checked} event(s) before it verified.`,
        1,
      );
    }
    if (!checkpoints)
      return { data: verdict, text: `Audit chain intact: ${verdict.checked} event(s) verified.` };
    if (checkpoints.length === 0) {
      throw new CommandError(
        `No audit.checkpoint lines in ${file}: nothing to check the trail against. Point --checkpoints at the portal's log (stderr).`,
        1,
      );
    }
    const anchored = await audit.verifyCheckpoints(checkpoints);
    if (!anchored.ok) {
      throw new CommandError(
        `Audit trail does NOT match the ${describeCheckpoint(anchored.checkpoint)}: ${anchored.reason}.`,
        1,
      );
    }
    return {
      data: { ...verdict, checkpoints: anchored.checkpoints },
      text: `Audit chain intact: ${verdict.checked} event(s) verified, and all ${anchored.checkpoints} checkpoint(s) in ${file} match.`,
    };
  },
});

/** Line by line: a portal's log can be far larger than memory should hold. */
async function readCheckpoints(file: string): Promise<Checkpoint[]> {
  try {
    await access(file);
  } catch (error) {
    throw new CommandError(
      `Cannot read the log file ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}). Check the path.`,
      2,
    );
  }
  const out: Checkpoint[] = [];
  let line = 0;
  for await (const raw of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    const checkpoint = parseCheckpointLine(raw, ++line);
    if (checkpoint) out.push(checkpoint);
  }
  return out;
}
