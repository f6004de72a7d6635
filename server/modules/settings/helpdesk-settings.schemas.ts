import { z } from "zod";

// The helpdesk's settings: for now, the link from a case's ticket reference to the organisation's ticket
// system. A template such as "https://tickets.example.com/browse/{ticket}"; without one the reference is
// plain text.

const TICKET = "{ticket}";

function isHttpsTemplate(v: string): boolean {
  try {
    return new URL(v.replaceAll(TICKET, "T")).protocol === "https:";
  } catch {
    return false;
  }
}

export const ticketUrlTemplateSchema = z
  .string()
  .trim()
  .max(500, "Keep the address under 500 characters.")
  .refine(isHttpsTemplate, "Enter an https:// address, e.g. https://tickets.example.com/browse/{ticket}.")
  .refine((v) => v.includes(TICKET), "Put {ticket} where the ticket reference goes in the address.");

export const helpdeskSettingsSchema = z.object({
  /** null: no ticket system linked. */
  ticketUrlTemplate: ticketUrlTemplateSchema.nullable(),
});
export type HelpdeskSettings = z.infer<typeof helpdeskSettingsSchema>;
export const defaultHelpdeskSettings: HelpdeskSettings = { ticketUrlTemplate: null };

/** The ticket's address: the reference percent-encoded into the template (it is typed by agents). */
export const ticketUrlFor = (template: string, ticketRef: string) =>
  template.replaceAll(TICKET, encodeURIComponent(ticketRef));
