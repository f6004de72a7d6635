import { isGraphConfigured, unconfiguredError } from "@/server/graph/unconfigured";
import type { Db } from "@/server/db/uow";
import { logger } from "@/server/lib/logger";
import { defaultMessageConfig, messageConfigSchema, type MessageConfig } from "./messages.schemas";
import type { MessagesDeps } from "./messages.deps";

export const MESSAGE_CONFIG_KEY = "messages.config";

/** The stored configuration; a row that no longer fits falls back to the defaults (no mailbox: nothing is sent). */
export async function readMessageConfig(d: Pick<MessagesDeps, "settings">, db: Db): Promise<MessageConfig> {
  const stored = await d.settings.get(db, MESSAGE_CONFIG_KEY);
  if (stored === null) return defaultMessageConfig;
  const parsed = messageConfigSchema.safeParse(stored);
  if (!parsed.success)
    logger.warn("invalid stored message configuration; using defaults", { key: MESSAGE_CONFIG_KEY });
  return parsed.success ? parsed.data : defaultMessageConfig;
}

/** Why nothing can be sent right now, in words with the next step; null when mail can go out. */
export function sendingProblem(d: Pick<MessagesDeps, "graph">, config: MessageConfig): string | null {
  if (!isGraphConfigured(d.graph)) return unconfiguredError("sendMail").message;
  if (!config.mailbox)
    return "No sending mailbox is set, so KeyFleet sends no messages. Enter the mailbox (for example keys@contoso.com) under Sending below, after an Exchange administrator has allowed KeyFleet to send as it (README → Messages to users).";
  return null;
}
