import { knownModels } from "./known-models";

// The key models the demo organisation buys (fillDemo in demo-sync.ts seeds them).

/** Models the simulated organisation hands out that the known-model table lacks. */
export const demoExtraModels = [
  {
    vendor: "Yubico",
    productName: "YubiKey 5C",
    formFactor: "usb_c" as const,
    certification: "FIDO2 L1",
    userVerification: "pin" as const,
    credentialSlots: 100,
    supportsPinComplexity: true,
    supportsForcedPinChange: true,
    unitCostCents: 5500,
    leadTimeDays: 14,
    aaguids: [
      "cb69481e-8ff7-4039-93ec-0a2729a154a8",
      "ee882879-721c-4913-9775-3dfcce97072a",
      "19083c3d-8383-4b18-bc03-8f1c9ab2fd1b",
    ],
  },
  {
    vendor: "Thales",
    productName: "IDPrime 931 FIDO",
    formFactor: "usb_a_nfc" as const,
    certification: "FIDO2 L1",
    userVerification: "pin" as const,
    credentialSlots: 8,
    supportsPinComplexity: true,
    supportsForcedPinChange: false,
    unitCostCents: 5000,
    leadTimeDays: 35,
    aaguids: ["2194b428-9397-4046-8f39-007a1605a482"],
  },
];

// Personal keys people bring (Google Titan, Nitrokey) are not procured: they stay unknown models.
export const procured = [...knownModels, ...demoExtraModels].filter(
  (m) => !["Google", "Nitrokey"].includes(m.vendor),
);
