import { describe, expect, it } from "vitest";
import {
  defaultTemplates,
  isSecretLike,
  messageKinds,
  placeholderNames,
  renderTemplate,
  templateProblems,
} from "./messages.constants";

// The template checks the page and the service share. The lists of names below are written by hand.

describe("template checks", () => {
  it("the only placeholders are the five agreed ones: no pass, PIN or case field can be filled in", () => {
    expect([...placeholderNames].sort()).toEqual([
      "carrierRef",
      "deadline",
      "displayName",
      "siteName",
      "waveName",
    ]);
    expect(placeholderNames.filter(isSecretLike)).toEqual([]);
  });

  it("calls pass- and PIN-like names secret, and leaves ordinary names alone", () => {
    for (const p of [
      "TAP",
      "tap",
      "tapValue",
      "userTap",
      "PIN",
      "pin",
      "keyPin",
      "temporaryAccessPass",
      "accessPass",
      "passcode",
      "password",
      "otp",
      "secret",
    ])
      expect(isSecretLike(p), p).toBe(true);
    for (const p of ["shippingRef", "displayName", "siteName", "opinion", "captain", "spinner", "compass"])
      expect(isSecretLike(p), p).toBe(false);
  });

  it("refuses unknown and secret placeholders by name, with what to use instead", () => {
    expect(templateProblems({ subject: "Hi {givenName}", body: "Your {TAP} and {pin}" })).toEqual([
      "{TAP}, {pin} would put a pass, PIN or code in an email. KeyFleet never sends those; remove them.",
      "KeyFleet does not know {givenName}. Use only {displayName}, {waveName}, {deadline}, {siteName}, {carrierRef}.",
    ]);
    expect(templateProblems({ subject: " ", body: "" })).toEqual([
      "The subject is empty. Write a subject line.",
      "The message is empty. Write the text people will receive.",
    ]);
  });

  it("the built-in templates pass their own checks", () => {
    for (const k of messageKinds) expect(templateProblems(defaultTemplates[k]), k).toEqual([]);
  });

  it("fills known placeholders, writes a dash for a missing value, and leaves other braces as typed", () => {
    const values = {
      displayName: "Ada",
      waveName: "Pilot",
      deadline: "",
      siteName: "London",
      carrierRef: "",
    };
    expect(renderTemplate("Hi { displayName }, {waveName} by {deadline}. {x}", values)).toBe(
      "Hi Ada, Pilot by —. {x}",
    );
  });
});
