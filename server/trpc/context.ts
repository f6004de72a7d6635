import "server-only";
import { randomUUID } from "node:crypto";
import { currentActor } from "@/server/auth";
import { getServices } from "@/server/runtime";
import { createCallerFactory, type TrpcContext } from "./init";
import type { RequestIds } from "./request-id";
import { appRouter } from "./root";

/** For the HTTP route: the ids come from handleTrpc (server-made; see request-id.ts). */
export async function createContext(ids: RequestIds): Promise<TrpcContext> {
  return { actor: await currentActor(), requestId: ids.requestId, services: await getServices() };
}

/** Server components call procedures through this, so pages get the same permission checks as the API. */
export async function serverCaller() {
  const ctx: TrpcContext = {
    actor: await currentActor(),
    requestId: randomUUID(),
    services: await getServices(),
  };
  return createCallerFactory(appRouter)(ctx);
}
