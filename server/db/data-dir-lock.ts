import { rmSync } from "node:fs";
import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";

// PGlite has no inter-process locking: two processes on one data directory corrupt it. A pid file makes
// the second opener (say, the CLI while the server runs) fail with a message instead. A lock left by a
// process that no longer exists is taken over.

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${pid}. Stop that process (the KeyFleet server?) ` +
        `first, or point DATABASE_URL at a PostgreSQL server to share the database between processes.`,
    );
    this.name = "DataDirInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function acquireDataDirLock(dir: string): Promise<{ release(): Promise<void> }> {
  const file = path.join(dir, "keyfleet.pid");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      const onExit = () => {
        // Synchronous on exit, best effort: the next opener treats a dead pid as stale anyway.
        rmSync(file, { force: true });
      };
      process.once("exit", onExit);
      return {
        async release() {
          process.removeListener("exit", onExit);
          await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (pid === process.pid) throw new DataDirInUseError(dir, pid);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirInUseError(dir, pid);
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
