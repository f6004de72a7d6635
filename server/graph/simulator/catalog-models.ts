// The real AAGUID → model table of the generated tenant (docs/CATALOG.md): hardware keys, authenticator
// apps and synced passkeys, with how often each appears.

export interface KeyModel {
  aaGuid: string;
  model: string;
  vendor:
    | "Yubico"
    | "Feitian"
    | "TOKEN2"
    | "Google"
    | "Thales"
    | "Nitrokey"
    | "Swissbit"
    | "Microsoft"
    | "Apple"
    | "Windows";
  kind: "hardware" | "authenticator" | "synced" | "windowsHello";
  /** Relative weight when the organisation hands out keys. */
  weight: number;
}

export const keyModels: KeyModel[] = [
  {
    aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
    model: "YubiKey 5 Series with NFC",
    vendor: "Yubico",
    kind: "hardware",
    weight: 40,
  },
  {
    aaGuid: "a25342c0-3cdc-4414-8e46-f4807fca511c",
    model: "YubiKey 5 Series with NFC",
    vendor: "Yubico",
    kind: "hardware",
    weight: 12,
  },
  {
    aaGuid: "cb69481e-8ff7-4039-93ec-0a2729a154a8",
    model: "YubiKey 5 Series",
    vendor: "Yubico",
    kind: "hardware",
    weight: 14,
  },
  {
    aaGuid: "ee882879-721c-4913-9775-3dfcce97072a",
    model: "YubiKey 5 Series",
    vendor: "Yubico",
    kind: "hardware",
    weight: 6,
  },
  {
    aaGuid: "c1f9a0bc-1dd2-404a-b27f-8e29047a43fd",
    model: "YubiKey 5 FIPS Series with NFC",
    vendor: "Yubico",
    kind: "hardware",
    weight: 5,
  },
  {
    aaGuid: "d8522d9f-575b-4866-88a9-ba99fa02f35b",
    model: "YubiKey Bio Series - FIDO Edition",
    vendor: "Yubico",
    kind: "hardware",
    weight: 3,
  },
  {
    aaGuid: "a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa",
    model: "Security Key NFC by Yubico",
    vendor: "Yubico",
    kind: "hardware",
    weight: 8,
  },
  {
    aaGuid: "ee041bce-25e5-4cdb-8f86-897fd6418464",
    model: "Feitian ePass FIDO2-NFC Authenticator",
    vendor: "Feitian",
    kind: "hardware",
    weight: 5,
  },
  {
    aaGuid: "77010bd7-212a-4fc9-b236-d2ca5e9d4084",
    model: "Feitian BioPass FIDO2 Authenticator",
    vendor: "Feitian",
    kind: "hardware",
    weight: 2,
  },
  {
    aaGuid: "eabb46cc-e241-80bf-ae9e-96fa6d2975cf",
    model: "TOKEN2 PIN Plus Security Key Series",
    vendor: "TOKEN2",
    kind: "hardware",
    weight: 2,
  },
  {
    aaGuid: "2194b428-9397-4046-8f39-007a1605a482",
    model: "IDPrime 931 Fido (Thales)",
    vendor: "Thales",
    kind: "hardware",
    weight: 2,
  },
  {
    aaGuid: "42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3",
    model: "Google Titan Security Key v2",
    vendor: "Google",
    kind: "hardware",
    weight: 0,
  },
  {
    aaGuid: "2cd2f727-f6ca-44da-8f48-5c2e5da000a2",
    model: "Nitrokey 3 AM",
    vendor: "Nitrokey",
    kind: "hardware",
    weight: 0,
  },
  {
    aaGuid: "de1e552d-db1d-4423-a619-566b625cdc84",
    model: "Microsoft Authenticator for Android",
    vendor: "Microsoft",
    kind: "authenticator",
    weight: 0,
  },
  {
    aaGuid: "90a3ccdf-635c-4729-a248-9b709135078f",
    model: "Microsoft Authenticator for iOS",
    vendor: "Microsoft",
    kind: "authenticator",
    weight: 0,
  },
  {
    aaGuid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
    model: "iCloud Keychain",
    vendor: "Apple",
    kind: "synced",
    weight: 0,
  },
  {
    aaGuid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4",
    model: "Google Password Manager",
    vendor: "Google",
    kind: "synced",
    weight: 0,
  },
];

/** Keys people bring from home: not what the organisation buys. */
export const personalKeyModels = keyModels.filter(
  (m) => ["Google", "Nitrokey", "TOKEN2"].includes(m.vendor) && m.kind === "hardware",
);
export const issuedKeyModels = keyModels.filter((m) => m.kind === "hardware" && m.weight > 0);
export const authenticatorModels = keyModels.filter((m) => m.kind === "authenticator");
export const syncedModels = keyModels.filter((m) => m.kind === "synced");

export const modelByAaGuid = new Map(keyModels.map((m) => [m.aaGuid, m]));
