import type { Command } from "../registry";
import { auditVerify } from "./audit";
import { casePreflight } from "./case-preflight";
import { dbMigrate, dbMigration } from "./db";
import { reportAdoption } from "./report";
import { sync } from "./sync";

// Every CLI command, in help order. To add one: write commands/<area>.ts exporting
// `defineCommand({ name, summary, run })`, import it here and list it.
export const commands: readonly Command[] = [
  dbMigrate,
  dbMigration,
  auditVerify,
  sync,
  reportAdoption,
  casePreflight,
];
