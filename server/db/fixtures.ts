// Key models the integration tests seed again and again, written once. Tests spread them and add what
// they need (a unit cost, another id): `{ ...yubikey5c, unitCostCents: 6000 }`.

export const yubikey5c = {
  id: "m1",
  vendor: "Yubico",
  productName: "YubiKey 5C NFC",
  formFactor: "usb_c_nfc",
  leadTimeDays: 14,
} as const;

export const securityKeyNfc = {
  id: "m2",
  vendor: "Yubico",
  productName: "Security Key NFC",
  formFactor: "usb_a_nfc",
  leadTimeDays: 10,
} as const;
