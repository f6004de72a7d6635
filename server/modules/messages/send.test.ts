import { describe, expect, it } from "vitest";
import { defaultTemplates, renderTemplate } from "./messages.constants";
import { valuesFor } from "./send";

describe("a message's values", () => {
  const wave = { name: "Pilot", registrationDeadline: new Date("2026-12-05T00:00:00Z") };

  it("a person with a site: the reminder names it and the deadline in words", () => {
    const body = renderTemplate(
      defaultTemplates.reminder.body,
      valuesFor({ displayName: "Ada", site: { name: "London" } }, { wave }),
    );
    expect(body).toContain("Hello Ada,");
    expect(body).toContain("before 5 December 2026. The IT desk at London can help");
  });

  it("a person with no site: the sentence still reads, with no dash and no empty gap", () => {
    const body = renderTemplate(
      defaultTemplates.reminder.body,
      valuesFor({ displayName: "Bo", site: null }, { wave }),
    );
    expect(body).toContain("The IT desk at your site can help");
    expect(body).not.toMatch(/at — |at {2}can/);
  });
});
