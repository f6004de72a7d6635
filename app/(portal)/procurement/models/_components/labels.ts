const FORM_FACTORS: Record<string, string> = {
  usb_a: "USB-A", usb_c: "USB-C", usb_a_nfc: "USB-A + NFC", usb_c_nfc: "USB-C + NFC", usb_c_lightning: "USB-C + Lightning", nano: "Nano", biometric: "Biometric", other: "Other",
};
const USER_VERIFICATION: Record<string, string> = { pin: "PIN", biometric: "Biometric", pin_and_biometric: "PIN + biometric" };

export const formFactorLabel = (v: string) => FORM_FACTORS[v] ?? v;
export const userVerificationLabel = (v: string) => USER_VERIFICATION[v] ?? v;
