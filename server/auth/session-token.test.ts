import { hkdfSync } from "node:crypto";
import { EncryptJWT } from "jose";
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

  it("refuses a token whose header, IV or ciphertext was changed, and one cut short", async () => {
    const good = await token(plain);
    const [header, key, iv, ciphertext, tag] = good.split(".") as [string, string, string, string, string];
    const flip = (part: string) => (part[5] === "A" ? "B" : "A");
    const at5 = (part: string) => part.slice(0, 5) + flip(part) + part.slice(6);
    const gcmHeader = Buffer.from(
      Buffer.from(header, "base64url").toString().replace("A256CBC-HS512", "A256GCM"),
    ).toString("base64url");
    for (const bad of [
      [gcmHeader, key, iv, ciphertext, tag],
      [at5(header), key, iv, ciphertext, tag],
      [header, key, at5(iv), ciphertext, tag],
      [header, key, iv, at5(ciphertext), tag],
      [header, key, iv, ciphertext],
      [header, key, iv, ciphertext, tag.slice(0, 20)],
    ])
      expect(await sessionFromCookies(`${plain}=${bad.join(".")}`, { secret, secureOnly: false })).toBeNull();
  });

  it("refuses a token changed by flipping IV bits to rewrite its first claim (CBC alone would accept it)", async () => {
    const parts = (await token(plain)).split(".");
    const iv = Buffer.from(parts[2]!, "base64url");
    iv[8] = iv[8]! ^ 1; // the plaintext starts {"sub":"staff-7": this turns the s of staff into r
    parts[2] = iv.toString("base64url");
    expect(await sessionFromCookies(`${plain}=${parts.join(".")}`, { secret, secureOnly: false })).toBeNull();
  });

  it("allows 15 s of clock skew on the expiry, and no more", async () => {
    expect(
      (await sessionFromCookies(`${plain}=${await token(plain, -5)}`, { secret, secureOnly: false }))?.sid,
    ).toBe("sid-abc");
    expect(
      await sessionFromCookies(`${plain}=${await token(plain, -30)}`, { secret, secureOnly: false }),
    ).toBeNull();
  });

  // Auth.js's key: HKDF-SHA-256 of the secret, salted with the cookie's name (64 bytes for A256CBC-HS512,
  // 32 for A256GCM). Tokens in other shapes than next-auth's own are read the standard way (jose).
  const authJsKey = (length: number) =>
    new Uint8Array(hkdfSync("sha256", secret, plain, `Auth.js Generated Encryption Key (${plain})`, length));

  it("reads a standard token in another shape: A256GCM, or a header with more fields", async () => {
    const gcm = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setExpirationTime("1h")
      .encrypt(authJsKey(32));
    expect((await sessionFromCookies(`${plain}=${gcm}`, { secret, secureOnly: false }))?.sid).toBe("sid-abc");
    const typed = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", typ: "JWT" })
      .setExpirationTime("1h")
      .encrypt(authJsKey(64));
    expect((await sessionFromCookies(`${plain}=${typed}`, { secret, secureOnly: false }))?.sid).toBe(
      "sid-abc",
    );
    const expired = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setExpirationTime("-1h")
      .encrypt(authJsKey(32));
    expect(await sessionFromCookies(`${plain}=${expired}`, { secret, secureOnly: false })).toBeNull();
  });
});
