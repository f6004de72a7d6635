// How a credential came to be linked to a key (docs/ARCHITECTURE.md, "Linking a credential to a key"), in
// the words the key, user and case pages share: known links (enrolled, confirmed) apart from inferred ones.
export const matchLabel = (m: string | null) =>
  m === "enrolled"
    ? "enrolled through KeyFleet (known)"
    : m === "confirmed"
      ? "confirmed by an agent at handover"
      : m === "inferred"
        ? "inferred by matching"
        : "unmatched";
