import type { Actor } from "@/server/auth/actor";

// What the levers' tests share (no test hooks here): the security lead who reads and drafts, and the
// simulated tenant's models and passkey profile they draft against.

/** The security lead: reads the levers and drafts a restriction, never approves one. */
export const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
/** The AAGUID of the YubiKey 5 series, the simulated tenant's usual security key. */
export const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
/** The AAGUID of the YubiKey 5 FIPS series. */
export const FIPS = "c1f9a0bc-1dd2-404a-b27f-8e29047a43fd";
/** The simulated tenant's one default passkey profile. */
export { defaultProfileId as PROFILE } from "@/server/graph/simulator/tenant";
