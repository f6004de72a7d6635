// Plain constants (no zod) so client components can import them without pulling in the schemas.
export const keyStatuses = [
  "ordered",
  "in_stock",
  "reserved",
  "assigned",
  "active",
  "returned",
  "lost",
  "stolen",
  "damaged",
  "retired",
] as const;
export type KeyStatusName = (typeof keyStatuses)[number];
