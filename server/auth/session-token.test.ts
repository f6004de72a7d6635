import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionFromCookies } from "./session-token";

// The session cookie read without next-auth's request handler: what next-auth wrote at sign-in must read
// back as the same session, and nothing else may (another secret, another cookie name, tampered, expired).

const secret = "test-secret-of-at-least-thirty-two-characters";
const plain = "authjs.session-token";
const secure = "__Secure-authjs.session-token";
const claims = {
  sub: "staff-7",
  name: "Hana Ito",
  email: "hana.ito@example.test",
  roles: ["helpdesk", "not-a-role"],
  sid: "sid-abc",
  signedInAt: 1_700_000_000_000,
};
const token = (salt: string, maxAge = 3600, s = secret) => encode({ token: claims, secret: s, salt, maxAge });

describe("sessionFromCookies", () => {
  it("reads the session next-auth wrote, with its session id, sign-in time and known roles only", async () => {
    const cookie = `other=1; ${plain}=${await token(plain)}; theme=dark`;
    expect(await sessionFromCookies(cookie, { secret, secureOnly: false })).toEqual({
      user: { id: "staff-7", name: "Hana Ito", email: "hana.ito@example.test", roles: ["helpdesk"] },
      sid: "sid-abc",
      signedInAt: 1_700_000_000_000,
    });
  });

  it("reads the __Secure- cookie when next-auth set that one", async () => {
    const cookie = `${secure}=${await token(secure)}`;
    expect((await sessionFromCookies(cookie, { secret, secureOnly: false }))?.sid).toBe("sid-abc");
    expect((await sessionFromCookies(cookie, { secret, secureOnly: true }))?.sid).toBe("sid-abc");
  });

  it("refuses a plain cookie where only the __Secure- one counts", async () => {
    const cookie = `${plain}=${await token(plain)}`;
    expect(await sessionFromCookies(cookie, { secret, secureOnly: true })).toBeNull();
  });

  it("refuses a token made for another cookie name (the name is the key's salt)", async () => {
    const cookie = `${secure}=${await token(plain)}`;
    expect(await sessionFromCookies(cookie, { secret, secureOnly: false })).toBeNull();
  });

  it("refuses another secret's token, a tampered one and an expired one", async () => {
    const other = await token(plain, 3600, "another-secret-of-at-least-thirty-two-chars");
    expect(await sessionFromCookies(`${plain}=${other}`, { secret, secureOnly: false })).toBeNull();
    const good = await token(plain);
    const i = good.length - 10;
    const tampered = good.slice(0, i) + (good[i] === "A" ? "B" : "A") + good.slice(i + 1);
    expect(await sessionFromCookies(`${plain}=${tampered}`, { secret, secureOnly: false })).toBeNull();
    const expired = await token(plain, -120);
    expect(await sessionFromCookies(`${plain}=${expired}`, { secret, secureOnly: false })).toBeNull();
  });

  it("checks every token again once the key is known: a good one reads twice, then a tampered and an expired one do not", async () => {
    const good = await token(plain);
    for (let i = 0; i < 2; i++)
      expect((await sessionFromCookies(`${plain}=${good}`, { secret, secureOnly: false }))?.sid).toBe(
        "sid-abc",
      );
    const tampered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await sessionFromCookies(`${plain}=${tampered}`, { secret, secureOnly: false })).toBeNull();
    expect(
      await sessionFromCookies(`${plain}=${await token(plain, -120)}`, { secret, secureOnly: false }),
    ).toBeNull();
    const other = await token(plain, 3600, "another-secret-of-at-least-thirty-two-chars");
    expect(await sessionFromCookies(`${plain}=${other}`, { secret, secureOnly: false })).toBeNull();
  });

  it("reads nothing from a request without the session cookie", async () => {
    expect(await sessionFromCookies("", { secret, secureOnly: false })).toBeNull();
    expect(await sessionFromCookies("theme=dark", { secret, secureOnly: false })).toBeNull();
  });
});
