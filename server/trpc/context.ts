import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { currentActor } from "@/server/auth";
import { getServices } from "@/server/runtime";
import { createCallerFactory, type TrpcContext } from "./init";
import { appRouter } from "./root";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export function requestIdFrom(h: Headers): string {
  const given = h.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function createContext(req: Request): Promise<TrpcContext> {
  return { actor: await currentActor(), requestId: requestIdFrom(req.headers), services: await getServices() };
}

/** Server components call procedures through this, so pages get the same permission checks as the API. */
export async function serverCaller() {
  const ctx: TrpcContext = {
    actor: await currentActor(),
    requestId: requestIdFrom(await headers()),
    services: await getServices(),
  };
  return createCallerFactory(appRouter)(ctx);
}
