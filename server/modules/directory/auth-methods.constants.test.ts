import { describe, expect, it } from "vitest";
import { authMethodLabel, authMethodList } from "./auth-methods.constants";

describe("Entra method identifiers as words", () => {
  it("names the methods people meet most in plain words", () => {
    expect(authMethodLabel("microsoftAuthenticatorPush")).toBe("Authenticator app (push)");
    expect(authMethodLabel("mobilePhone")).toBe("Phone (SMS/voice)");
    expect(authMethodLabel("passKeyDeviceBound")).toBe("Passkey (device-bound)");
    expect(authMethodLabel("fido2SecurityKey")).toBe("Security key (FIDO2)");
    expect(authMethodLabel("windowsHelloForBusiness")).toBe("Windows Hello for Business");
    expect(authMethodLabel("qrCode")).toBe("QR code");
  });

  it("shows an identifier it does not know as itself, split into readable words", () => {
    expect(authMethodLabel("quantumTokenPush")).toBe("Quantum token push");
    expect(authMethodLabel("someNewMethod")).toBe("Some new method");
    expect(authMethodLabel("x")).toBe("X");
    expect(authMethodLabel("")).toBe("");
  });

  it("does not take names from the object prototype for identifiers", () => {
    expect(authMethodLabel("toString")).toBe("To string");
    expect(authMethodLabel("constructor")).toBe("Constructor");
  });

  it("lists methods in the order given, and says so when there are none", () => {
    expect(authMethodList(["password", "mobilePhone"])).toBe("Password, Phone (SMS/voice)");
    expect(authMethodList([])).toBe("none reported");
    expect(authMethodList([], "—")).toBe("—");
  });
});
