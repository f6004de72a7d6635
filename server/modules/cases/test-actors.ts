import type { Actor } from "@/server/auth/actor";

// Who acts in the case tests, and the key model they handle (no test hooks here: any test may import it).

/** The AAGUID of the YubiKey 5 series, the simulated tenant's usual security key. */
export const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";

/** The helpdesk agent who works most cases. */
export const hana: Actor = {
  id: "demo-helpdesk",
  name: "Hana Ito",
  email: "hana.ito@keyfleet.demo",
  roles: ["helpdesk"],
};

/** A second helpdesk agent (an approver, or the one over the TAP cap's limit). */
export const omar: Actor = {
  id: "agent-omar",
  name: "Omar Haddad",
  email: "omar.haddad@keyfleet.demo",
  roles: ["helpdesk"],
};

/** An admin (sets the recovery policy). */
export const alex: Actor = { id: "admin-1", name: "Alex", email: null, roles: ["admin"] };

/** A security lead (sees the TAP alerts). */
export const sam: Actor = { id: "lead-1", name: "Sam", email: null, roles: ["security"] };
