import "server-only";
import { buildServices, type Services } from "@/server/container";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { startGraph, type GraphRuntime } from "@/server/graph/runtime";

// One database, one Graph gateway and one set of services per server process, built on first use
// (kept on globalThis so Next's dev reloads reuse them).
const g = globalThis as typeof globalThis & {
  __keyfleetServices?: Promise<Services>;
  __keyfleetGraph?: Promise<GraphRuntime>;
};

export function getGraphRuntime(): Promise<GraphRuntime> {
  g.__keyfleetGraph ??= startGraph(getEnv());
  return g.__keyfleetGraph;
}

export function getServices(): Promise<Services> {
  g.__keyfleetServices ??= Promise.all([getDb(), getGraphRuntime()]).then(([db, runtime]) =>
    buildServices({ prisma: db.prisma, graph: runtime.graph }),
  );
  return g.__keyfleetServices;
}
