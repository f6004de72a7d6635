import type { Role } from "./permissions";

// Demo sign-in only: one persona per role (and a second helpdesk agent so four-eyes approval can be
// shown). Never offered when an identity provider is configured (see server/auth/config.ts).
export interface Persona {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  title: string;
}

export const personas: readonly Persona[] = [
  {
    id: "demo-helpdesk",
    name: "Hana Ito",
    email: "hana.ito@keyfleet.demo",
    roles: ["helpdesk"],
    title: "Helpdesk agent",
  },
  {
    id: "demo-helpdesk-2",
    name: "Hugo Brandt",
    email: "hugo.brandt@keyfleet.demo",
    roles: ["helpdesk"],
    title: "Helpdesk agent (second approver)",
  },
  {
    id: "demo-procurement",
    name: "Priya Nair",
    email: "priya.nair@keyfleet.demo",
    roles: ["procurement"],
    title: "Procurement",
  },
  {
    id: "demo-security",
    name: "Sam Okafor",
    email: "sam.okafor@keyfleet.demo",
    roles: ["security"],
    title: "Security lead",
  },
  {
    id: "demo-admin",
    name: "Alex Moreau",
    email: "alex.moreau@keyfleet.demo",
    roles: ["admin"],
    title: "Administrator",
  },
];

export const findPersona = (id: unknown): Persona | undefined =>
  typeof id === "string" ? personas.find((p) => p.id === id) : undefined;
