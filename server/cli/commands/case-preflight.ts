import { getDb } from "../../db/client";
import { makePreflight } from "../../modules/cases/preflight";
import { makePreflightRepository } from "../../modules/cases/preflight.repository";
import type { Preflight } from "../../modules/cases/preflight.schemas";
import { CommandError, defineCommand } from "../registry";
import { rerunTrustingSimulator } from "./sync";
import { unconfiguredError } from "../../graph/unconfigured";

// `case preflight <upn or id>`: for ticket bots, what revoking every one of the user's passkeys would
// leave them with, read live from Entra like the case page does (docs/RECOVERY.md).

export function preflightJson(p: Preflight) {
  return {
    user: { id: p.userId, userPrincipalName: p.userPrincipalName, displayName: p.displayName },
    credentials: p.credentials.map((c) => ({
      methodId: c.methodId,
      model: c.model,
      kind: c.kind,
      keySerial: c.keySerial,
    })),
    tap: {
      possible: p.tap.possible,
      reason: p.tap.reason,
      minMinutes: p.tap.minMinutes,
      maxMinutes: p.tap.maxMinutes,
      defaultMinutes: p.tap.defaultMinutes,
      isUsableOnce: p.tap.isUsableOnce,
    },
    backupKey: p.backupKey.present,
    replacement: { possible: p.replacement.possible, reason: p.replacement.reason },
    stranded: p.stranded,
  };
}

function text(p: Preflight): string {
  const creds = p.credentials.length
    ? p.credentials.map(
        (c) =>
          `  - ${c.model ?? "unknown model"} (${c.kind})${c.keySerial ? `, key ${c.keySerial}` : ""}  [${c.methodId}]`,
      )
    : ["  (none)"];
  return [
    `${p.displayName} <${p.userPrincipalName}>`,
    "Passkeys in Entra:",
    ...creds,
    `Temporary Access Pass: ${p.tap.possible ? "can be issued" : "cannot be issued"}. ${p.tap.reason}`,
    `Backup key: ${p.backupKey.present ? "yes" : "none once every passkey is revoked"}.`,
    `Replacement: ${p.replacement.reason}`,
    p.stranded ? "STRANDED: revoking every passkey would leave no way to sign in." : "Not stranded.",
  ].join("\n");
}

export const casePreflight = defineCommand({
  name: "case preflight",
  summary:
    "what revoking every passkey of a user would leave them with (TAP, backup key, replacement), read live from Entra",
  usage: "<upn or user id>",
  async run(ctx) {
    const who = ctx.args[0];
    if (!who) throw new CommandError("Name the user: case preflight <upn or user id>.");
    const rerun = await rerunTrustingSimulator();
    if (rerun !== null) process.exit(rerun);
    const { getGraphRuntime } = await import("../../runtime");
    const [db, runtime] = await Promise.all([getDb(), getGraphRuntime()]);
    if (runtime.mode === "unconfigured") throw new CommandError(unconfiguredError("getUser").message);
    try {
      const preflight = makePreflight({
        db: db.prisma,
        graph: runtime.graph,
        repo: makePreflightRepository(),
        clock: () => new Date(),
      });
      const p = await preflight({ user: who }).catch((e: unknown) => {
        throw new CommandError(e instanceof Error ? e.message : String(e));
      });
      return { ok: true, data: preflightJson(p), text: text(p) };
    } finally {
      await runtime.simulator?.stop();
    }
  },
});
