import { describe, expect, it } from "vitest";
import { listenHost } from "./listen-host";

describe("the interface npm start binds", () => {
  it("demo mode (no identity provider) binds loopback only, never every interface", () => {
    expect(listenHost({}, "3000")).toEqual({ host: "127.0.0.1", url: "http://localhost:3000" });
    // A Graph app alone is still demo sign-in (allowed for staging): loopback too.
    expect(listenHost({ AUTH_OIDC_CLIENT_ID: "  " }, "3000").host).toBe("127.0.0.1");
  });

  it("HOST overrides, in demo mode too (e.g. a container that publishes the port)", () => {
    expect(listenHost({ HOST: "0.0.0.0" }, "3000").host).toBe("0.0.0.0");
    expect(listenHost({ HOST: "10.1.2.3", AUTH_OIDC_CLIENT_ID: "c" }, "8080")).toEqual({
      host: "10.1.2.3",
      url: "http://10.1.2.3:8080",
    });
  });

  it("with an identity provider and no HOST keeps Next's default (every interface)", () => {
    expect(listenHost({ AUTH_OIDC_CLIENT_ID: "c" }, "3000").host).toBeUndefined();
  });
});
