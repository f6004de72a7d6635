// Key models KeyFleet knows out of the box, with their real AAGUIDs (FIDO MDS, see
// shared/reference/graph-api.md §9). Costs and lead times are list-price estimates; edit them in the portal.
export interface KnownModel {
  vendor: string;
  productName: string;
  formFactor: "usb_a" | "usb_c" | "usb_a_nfc" | "usb_c_nfc" | "usb_c_lightning" | "nano" | "biometric" | "other";
  certification: string | null;
  userVerification: "pin" | "biometric" | "pin_and_biometric";
  credentialSlots: number | null;
  supportsPinComplexity: boolean;
  supportsForcedPinChange: boolean;
  unitCostCents: number;
  leadTimeDays: number;
  aaguids: string[];
}

const YUBIKEY_5_NFC = [
  "2fc0579f-8113-47ea-b116-bb5a8db9202a",
  "fa2b99dc-9e39-4257-8f92-4a30d23c4118",
  "a25342c0-3cdc-4414-8e46-f4807fca511c",
  "d7781e5d-e353-46aa-afe2-3ca49f13332a",
];

export const knownModels: readonly KnownModel[] = [
  { vendor: "Yubico", productName: "YubiKey 5 NFC", formFactor: "usb_a_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 100, supportsPinComplexity: true, supportsForcedPinChange: true, unitCostCents: 5500, leadTimeDays: 14, aaguids: YUBIKEY_5_NFC },
  { vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 100, supportsPinComplexity: true, supportsForcedPinChange: true, unitCostCents: 6000, leadTimeDays: 14, aaguids: YUBIKEY_5_NFC },
  { vendor: "Yubico", productName: "YubiKey 5C NFC FIPS", formFactor: "usb_c_nfc", certification: "FIPS 140-2 L2", userVerification: "pin", credentialSlots: 25, supportsPinComplexity: true, supportsForcedPinChange: true, unitCostCents: 8500, leadTimeDays: 21, aaguids: ["c1f9a0bc-1dd2-404a-b27f-8e29047a43fd", "73bb0cd4-e502-49b8-9c6f-b59445bf720b"] },
  { vendor: "Yubico", productName: "YubiKey 5Ci", formFactor: "usb_c_lightning", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 25, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 8000, leadTimeDays: 14, aaguids: ["c5ef55ff-ad9a-4b9f-b580-adebafe026d0"] },
  { vendor: "Yubico", productName: "YubiKey Bio - FIDO Edition", formFactor: "biometric", certification: "FIDO2 L1", userVerification: "pin_and_biometric", credentialSlots: 25, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 9500, leadTimeDays: 21, aaguids: ["d8522d9f-575b-4866-88a9-ba99fa02f35b", "dd86a2da-86a0-4cbe-b462-4bd31f57bc6f"] },
  { vendor: "Yubico", productName: "Security Key NFC", formFactor: "usb_a_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 25, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 2900, leadTimeDays: 10, aaguids: ["a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa", "e77e3c64-05e3-428b-8824-0cbeb04b829d", "149a2021-8ef6-4133-96b8-81f8d5b7f1f5"] },
  { vendor: "Feitian", productName: "ePass FIDO2-NFC", formFactor: "usb_a_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 50, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 2600, leadTimeDays: 28, aaguids: ["ee041bce-25e5-4cdb-8f86-897fd6418464"] },
  { vendor: "Feitian", productName: "BioPass FIDO2", formFactor: "biometric", certification: "FIDO2 L2", userVerification: "pin_and_biometric", credentialSlots: 50, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 7000, leadTimeDays: 28, aaguids: ["77010bd7-212a-4fc9-b236-d2ca5e9d4084", "b6ede29c-3772-412c-8a78-539c1f4c62d2"] },
  { vendor: "Google", productName: "Titan Security Key (USB-C)", formFactor: "usb_c_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 250, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 3500, leadTimeDays: 10, aaguids: ["42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3"] },
  { vendor: "Thales", productName: "IDPrime 941 FIDO", formFactor: "usb_a_nfc", certification: "FIPS 140-2 L3", userVerification: "pin", credentialSlots: 8, supportsPinComplexity: true, supportsForcedPinChange: true, unitCostCents: 6500, leadTimeDays: 35, aaguids: ["2ffd6452-01da-471f-821b-ea4bf6c8676a"] },
  { vendor: "TOKEN2", productName: "PIN+ Security Key", formFactor: "usb_c_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 300, supportsPinComplexity: true, supportsForcedPinChange: true, unitCostCents: 2400, leadTimeDays: 21, aaguids: ["eabb46cc-e241-80bf-ae9e-96fa6d2975cf"] },
  { vendor: "Nitrokey", productName: "Nitrokey 3 AM", formFactor: "usb_a_nfc", certification: null, userVerification: "pin", credentialSlots: null, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 4900, leadTimeDays: 21, aaguids: ["2cd2f727-f6ca-44da-8f48-5c2e5da000a2"] },
  { vendor: "Swissbit", productName: "iShield Key FIDO2", formFactor: "usb_a_nfc", certification: "FIDO2 L1", userVerification: "pin", credentialSlots: 100, supportsPinComplexity: false, supportsForcedPinChange: false, unitCostCents: 3900, leadTimeDays: 28, aaguids: ["931327dd-c89b-406c-a81e-ed7058ef36c6"] },
];
