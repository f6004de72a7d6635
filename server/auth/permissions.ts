// The typed permission catalogue. Every tRPC procedure and every page names one of these;
// roles only ever grant permissions, never bypass them.

export const roles = ["helpdesk", "procurement", "security", "admin"] as const;
export type Role = (typeof roles)[number];

/** Entra app roles (the ID token's `roles` claim) → portal roles. */
export const appRoleToRole: Readonly<Record<string, Role>> = {
  "KeyFleet.Helpdesk": "helpdesk",
  "KeyFleet.Procurement": "procurement",
  "KeyFleet.Security": "security",
  "KeyFleet.Admin": "admin",
};

const ALL: readonly Role[] = roles;

export const permissionRoles = {
  "dashboard.read": ALL,
  "keys.read": ALL,
  "keys.write": ["procurement", "admin"], // bulk transfer, retire
  "keys.assign": ["helpdesk", "admin"],
  "users.read": ["helpdesk", "security", "admin"],
  "users.refresh": ["helpdesk", "admin"],
  "cases.read": ["helpdesk", "security", "admin"],
  "cases.write": ["helpdesk", "admin"],
  "cases.revoke": ["helpdesk", "admin"],
  "cases.approve": ["helpdesk", "admin"],
  "tap.issue": ["helpdesk", "admin"],
  "tap.revoke": ["helpdesk", "admin"],
  "enrollment.write": ["helpdesk", "admin"], // register keys in Entra on a person's behalf
  "procurement.read": ["procurement", "security", "admin"],
  "procurement.write": ["procurement", "admin"],
  "rollout.read": ["security", "procurement", "admin"],
  "rollout.write": ["security", "admin"],
  // The security lead's levers (docs/SECURITY-LEAD.md): who would be blocked, key-restriction drafts, messages.
  "levers.read": ["security", "admin"],
  "levers.write": ["security", "admin"],
  "audit.read": ["security", "admin"],
  "sync.read": ["security", "admin"],
  "sync.run": ["admin"],
  "settings.read": ["security", "admin"],
  "settings.write": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;
export const permissions = Object.keys(permissionRoles) as Permission[];

export function can(userRoles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissionRoles[permission];
  return userRoles.some((r) => allowed.includes(r));
}

export function rolesFromClaims(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  const mapped = claim.map((c) => (typeof c === "string" ? appRoleToRole[c] : undefined));
  return [...new Set(mapped.filter((r): r is Role => r !== undefined))];
}

/** Roles already in portal form (e.g. read back from a session token), unknown values dropped. */
export function asRoles(value: unknown): Role[] {
  if (!Array.isArray(value)) return [];
  return roles.filter((r) => value.includes(r));
}
