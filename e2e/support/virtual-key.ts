import type { Page } from "@playwright/test";

/**
 * Chromium's virtual CTAP2 authenticator answers with this fixed AAGUID (device/fido/virtual_ctap2_device.cc);
 * a journey tells the simulated tenant which model to read it as.
 */
export const VIRTUAL_AAGUID = "01020304-0506-0708-0102-030405060708";

/** A virtual security key plugged into this page's browser (DevTools protocol): it verifies the user and is touched at once. */
export async function addVirtualKey(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}
