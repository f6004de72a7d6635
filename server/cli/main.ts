import { closeDb } from "../db/client";
import { commands } from "./commands";
import { runCli } from "./run";

// Entry point: `npm run cli -- <command> [--json]`, or the `keyfleet` bin.
// Commands that use getDb() share one database; it is closed before exit.
process.exitCode = await runCli(process.argv.slice(2), commands, { cleanup: closeDb });
