import { NextResponse } from "next/server";
import { queriesSent } from "@/server/db/query-counter";

export const dynamic = "force-dynamic";

// bench:load reads this before and after each request of its counting pass, over one kept-alive
// connection (so one worker process): the difference is the queries that request cost. Not found
// unless the portal runs with KEYFLEET_QUERY_COUNTER=1; it tells nothing but a count and a process id.
export async function GET() {
  const queries = queriesSent();
  if (queries === null) return new NextResponse(null, { status: 404 });
  return NextResponse.json({ queries, pid: process.pid }, { headers: { "cache-control": "no-store" } });
}
