import { describe, expect, it } from "vitest";
import { healthResponse, type HealthReport } from "./health";

const ok: HealthReport = {
  status: "ok",
  databaseStatus: "ok",
  database: "postgresql",
  graph: "entra",
  version: "1.2.3",
  mode: "production",
};
const down: HealthReport = {
  ...ok,
  status: "degraded",
  databaseStatus: "unavailable",
  message: "PostgreSQL is not answering.",
};
const agent = { id: "a", name: "Agent", email: null, roles: ["helpdesk" as const] };

describe("/api/health by caller", () => {
  it("anonymous callers get the status only: no version, database, Graph mode or message", () => {
    expect(healthResponse(ok, null)).toEqual({ body: { status: "ok" }, httpStatus: 200 });
  });

  it("keeps the 503 when the database is unavailable, for anonymous callers too", () => {
    expect(healthResponse(down, null)).toEqual({ body: { status: "degraded" }, httpStatus: 503 });
  });

  it("signed-in staff get the details", () => {
    expect(healthResponse(ok, agent)).toEqual({ body: ok, httpStatus: 200 });
    expect(healthResponse(down, agent)).toEqual({ body: down, httpStatus: 503 });
  });

  it("a signed-in account without any portal role counts as anonymous", () => {
    expect(healthResponse(ok, { ...agent, roles: [] }).body).toEqual({ status: "ok" });
  });
});
