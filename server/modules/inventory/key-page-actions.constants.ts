/** What a key's own page can offer (check in, transfer, retire); which apply is decided on the server. */
export const keyPageActions = ["check_in", "transfer", "retire"] as const;
export type KeyPageAction = (typeof keyPageActions)[number];
