import { formFactors } from "@/server/modules/inventory/inventory.schemas";

const FORM_FACTORS: Record<string, string> = {
  usb_a: "USB-A",
  usb_c: "USB-C",
  usb_a_nfc: "USB-A + NFC",
  usb_c_nfc: "USB-C + NFC",
  usb_c_lightning: "USB-C + Lightning",
  nano: "Nano",
  biometric: "Biometric",
  other: "Other",
};
const USER_VERIFICATION: Record<string, string> = {
  pin: "PIN",
  biometric: "Biometric",
  pin_and_biometric: "PIN + biometric",
};

export const formFactorLabel = (v: string) => FORM_FACTORS[v] ?? v;
export const userVerificationLabel = (v: string) => USER_VERIFICATION[v] ?? v;

type FormFactor = (typeof formFactors)[number];
const isFormFactor = (v: string | null): v is FormFactor =>
  v !== null && (formFactors as readonly string[]).includes(v);

/** A key model's starting values from a catalogue product: what the catalogue knows; cost and lead time are the buyer's. */
export function fromCatalog(p: {
  ref: string;
  vendor: string;
  product: string;
  aaguids: string[];
  certification: string | null;
  userVerification: string[] | null;
  formFactor: string | null;
}) {
  const uv = p.userVerification ?? [];
  const hasBio = uv.some((m) => /fingerprint|faceprint|voiceprint|eyeprint|handprint/.test(m));
  return {
    vendor: p.vendor,
    productName: p.product.slice(0, 150),
    aaguids: p.aaguids.slice(0, 20),
    certification: p.certification,
    catalogAaguid: p.ref,
    userVerification: hasBio
      ? uv.includes("passcode")
        ? ("pin_and_biometric" as const)
        : ("biometric" as const)
      : ("pin" as const),
    ...(isFormFactor(p.formFactor) ? { formFactor: p.formFactor } : {}),
  };
}
