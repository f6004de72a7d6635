import { NextResponse } from "next/server";
import { currentActor } from "@/server/auth";
import { logger } from "@/server/lib/logger";
import { healthReport, healthResponse } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await healthReport();
  // The session check needs the database: when it cannot be made, the caller counts as anonymous.
  const actor = await currentActor().catch((error: unknown) => {
    logger.debug("health: session not checked", { error });
    return null;
  });
  const { body, httpStatus } = healthResponse(report, actor);
  return NextResponse.json(body, { status: httpStatus, headers: { "cache-control": "no-store" } });
}
