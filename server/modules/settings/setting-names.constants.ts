// Settings as people read them: pages name a setting in words, never by its stored key.
export const FOLLOW_UP_DAYS_SETTING = "assignment.followUpDays";
export const SETTING_NAMES: Record<string, string> = {
  [FOLLOW_UP_DAYS_SETTING]: "Days before an unused assignment is followed up",
  "recovery.policy": "Recovery policy (Temporary Access Pass limits)",
};

export const settingName = (key: string): string => SETTING_NAMES[key] ?? "A setting";
