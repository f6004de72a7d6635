import { z } from "zod";
import { keyStatuses } from "./key-statuses.constants";

/**
 * A physical key as another module's view names it: which key, its serial, its model's name, its status.
 * Views spread it and add what they show besides: `z.object({ ...keyFields, version: z.number().int() })`.
 */
export const keyFields = {
  id: z.string(),
  serial: z.string(),
  model: z.string(),
  status: z.enum(keyStatuses),
};
