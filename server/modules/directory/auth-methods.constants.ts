// Entra's authentication-method identifiers as words people read. One table for the pages and the
// server: the registration report's methodsRegistered (userRegistrationDetails, the usageAuthMethod
// enumeration) and the authenticationMethodModes that Conditional Access strengths combine.
// docs/ACCESSIBILITY.md, "Method names", cites the Microsoft pages.

const LABELS: Readonly<Record<string, string>> = {
  // Registration report (methodsRegistered)
  alternateMobilePhone: "Alternate phone",
  email: "Email",
  externalAuthMethod: "External method",
  fido2SecurityKey: "Security key (FIDO2)",
  hardwareOneTimePasscode: "Hardware token (one-time code)",
  macOsSecureEnclaveKey: "macOS Secure Enclave key",
  microsoftAuthenticatorPasswordless: "Authenticator app (passwordless)",
  microsoftAuthenticatorPush: "Authenticator app (push)",
  mobilePhone: "Phone (SMS/voice)",
  officePhone: "Office phone",
  passKeyDeviceBound: "Passkey (device-bound)",
  passKeyDeviceBoundAuthenticator: "Passkey in Authenticator app",
  passKeyDeviceBoundWindowsHello: "Passkey in Windows Hello",
  passKeySynced: "Passkey (synced)",
  qrCode: "QR code",
  securityQuestion: "Security questions",
  softwareOneTimePasscode: "Authenticator app (one-time code)",
  temporaryAccessPass: "Temporary Access Pass",
  windowsHelloForBusiness: "Windows Hello for Business",
  // Authentication strengths (authenticationMethodModes)
  deviceBasedPush: "Authenticator app (passwordless)",
  federatedMultiFactor: "Federated multifactor",
  federatedSingleFactor: "Federated single factor",
  fido2: "Passkey (FIDO2)",
  hardwareOath: "Hardware token (one-time code)",
  microsoftAuthenticatorPushNotification: "Authenticator app (push)",
  password: "Password",
  sms: "SMS",
  softwareOath: "Authenticator app (one-time code)",
  temporaryAccessPassMultiUse: "Temporary Access Pass (multi-use)",
  temporaryAccessPassOneTime: "Temporary Access Pass (one-time)",
  voice: "Voice call",
  x509CertificateMultiFactor: "Certificate (multifactor)",
  x509CertificateSingleFactor: "Certificate (single factor)",
};

/**
 * "microsoftAuthenticatorPush" → "Authenticator app (push)". An identifier Entra adds later is shown
 * as itself, split into words ("someNewMethod" → "Some new method"), so it stays readable and findable.
 */
export const authMethodLabel = (id: string): string => {
  const known = Object.hasOwn(LABELS, id) ? LABELS[id] : undefined;
  if (known) return known;
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : id;
};

/** A list of methods for a sentence or a cell: "Password, Authenticator app (push)"; `none` when empty. */
export const authMethodList = (ids: readonly string[], none = "none reported"): string =>
  ids.length ? ids.map(authMethodLabel).join(", ") : none;
