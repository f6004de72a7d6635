// Plain constants (no zod, no Prisma) so client components and the users list can import them.
// Every state is a subset of the rollout scope: enabled member accounts that are not deleted.

export const userStates = [
  "in_scope",
  "assigned",
  "unassigned",
  "registered",
  "assigned_unregistered",
  "used",
  "registered_unused",
  "backup",
  "no_backup",
  "passwordless",
  "not_ready",
  "password_signins",
  "cred_not_procured",
  "cred_not_allowed",
  "cred_personal",
  "cred_stale",
] as const;
export type UserState = (typeof userStates)[number];

export const userStateLabels: Record<UserState, string> = {
  in_scope: "In rollout scope",
  assigned: "Holds an assigned key",
  unassigned: "No key assigned",
  registered: "Registered a hardware key",
  assigned_unregistered: "Key assigned, not registered",
  used: "Used a hardware key in 30 days",
  registered_unused: "Registered, not used in 30 days",
  backup: "Two or more hardware keys",
  no_backup: "Registered, no backup key",
  passwordless: "Passwordless-capable",
  not_ready: "No phishing-resistant method",
  password_signins: "Signed in with a password in 28 days",
  cred_not_procured: "Credential of a model never procured",
  cred_not_allowed: "Credential the FIDO2 policy does not allow",
  cred_personal: "Personal key (not issued by KeyFleet)",
  cred_stale: "Credential unused for the stale period",
};

export const adoptionDimensions = ["wave", "department", "site"] as const;
export type AdoptionDimension = (typeof adoptionDimensions)[number];

/** "Used" means a hardware credential used within this many days. */
export const USED_WITHIN_DAYS = 30;
/** The sign-in mix and "still signing in with a password" look back this far (the log keeps 30 days). */
export const SIGN_IN_WINDOW_DAYS = 28;
export const DEFAULT_STALE_DAYS = 90;
/** The department key for users without one (also the URL value of the department filter). */
export const NO_DEPARTMENT = "(none)";
