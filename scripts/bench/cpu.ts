// CPU time (user + system) spent by the portal's processes and by its PostgreSQL backends, read from
// /proc (Linux), so bench:load can print CPU milliseconds per request: unlike requests per second, that
// hardly moves when other work shares the machine. The portal is one process group (startNext starts it
// detached); its backends are the connections that carry the application_name the bench gave its URL.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { Database } from "@/server/db/client";

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  pgrp: number;
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp … utime stime …": comm may hold spaces, so count from its ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid, pgrp: Number(fields[2]), cpuMs: (ticks * 1000) / ticksPerSecond };
  } catch {
    return null; // ended meanwhile, or not Linux
  }
}

/** CPU ms of every live process in the group, by pid. */
export function processGroupCpu(pgid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat?.pgrp === pgid) out.set(stat.pid, stat.cpuMs);
  }
  return out;
}

/** CPU ms of the given processes, by pid (those that ended are left out). */
export function processesCpu(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) out.set(pid, stat.cpuMs);
  }
  return out;
}

/** The PostgreSQL backends serving connections named `applicationName` (same machine only). */
export async function backendPids(prisma: Database["prisma"], applicationName: string): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE application_name = ${applicationName}`;
  return rows.map((r) => Number(r.pid));
}

/**
 * CPU spent between two readings: a process in both counts its difference, one only in the second all of
 * it (it started meanwhile); one that ended meanwhile is lost (under-counts, never over-counts).
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}
