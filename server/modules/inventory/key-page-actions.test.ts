import { describe, expect, it } from "vitest";
import type { Role } from "@/server/auth/permissions";
import type { KeyStatusName } from "./key-statuses.constants";
import { keyActionsFor } from "./key-page-actions";

// What a key's page offers (issue 13): by the viewer's role and the key's status, never a move the
// service would refuse.

const key = (status: KeyStatusName, credential: { removedAt: Date | null } | null = null) => ({
  status,
  credential,
});
const live = { removedAt: null };
const gone = { removedAt: new Date("2026-01-01T00:00:00Z") };
const as = (...roles: Role[]) => roles;

describe("keyActionsFor", () => {
  it("helpdesk: check in a held key, retire it once its credential is gone; never transfer", () => {
    expect(keyActionsFor(key("active", live), as("helpdesk"))).toEqual(["check_in"]);
    expect(keyActionsFor(key("assigned", gone), as("helpdesk"))).toEqual(["check_in", "retire"]);
    expect(keyActionsFor(key("in_stock"), as("helpdesk"))).toEqual(["retire"]);
  });

  it("procurement: transfer and retire what is on a shelf; no check in", () => {
    expect(keyActionsFor(key("in_stock"), as("procurement"))).toEqual(["transfer", "retire"]);
    expect(keyActionsFor(key("returned"), as("procurement"))).toEqual(["transfer", "retire"]);
    expect(keyActionsFor(key("active", gone), as("procurement"))).toEqual(["retire"]);
  });

  it("security reads only; a retired key offers nothing to anyone; admin gets every move that applies", () => {
    expect(keyActionsFor(key("in_stock"), as("security"))).toEqual([]);
    expect(keyActionsFor(key("retired"), as("admin"))).toEqual([]);
    expect(keyActionsFor(key("in_stock"), as("admin"))).toEqual(["transfer", "retire"]);
    expect(keyActionsFor(key("active", live), as("admin"))).toEqual(["check_in"]);
    expect(keyActionsFor(key("lost"), as("admin"))).toEqual(["retire"]);
  });
});
