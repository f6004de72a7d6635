// The control API's HTTP face: /_control/<segments> → a SimulatorControl call (control.ts). A new control
// operation is a method on SimulatorControl (for a new area, made in its own file and spread into
// makeControl, as control-groups.ts is) and one case in the switch below.
import { ControlError, type SimulatorControl } from "./control";
import type { SimResponse } from "./odata";
import type { ThrottlingConfig, ThrottlingMode } from "./throttle";

type Body = Record<string, unknown> | undefined;

/** HTTP face of the control API: /_control/<segments>. */
export function handleControl(
  c: SimulatorControl,
  method: string,
  seg: string[],
  query: URLSearchParams,
  body: Body,
): SimResponse {
  const b = (body ?? {}) as Record<string, never>;
  const route = `${method} ${seg.map((s, i) => (i === 1 && (seg[0] === "users" || seg[0] === "credentials") ? ":id" : s)).join("/")}`;
  const id = decodeURIComponent(seg[1] ?? "");
  const ok = (value: unknown = { ok: true }): SimResponse => ({ status: 200, body: value });
  try {
    switch (route) {
      case "GET state":
        return ok(c.stats());
      case "GET faults":
        return ok(c.faults());
      case "POST faults":
        return ok(c.setFaults(b));
      case "DELETE faults":
        return ok(c.clearFaults());
      case "POST permissions":
        if (b.reset) c.resetPermissions();
        c.revokePermissions(b.revoke ?? []);
        c.grantPermissions(b.grant ?? []);
        return ok();
      case "POST clock/advance":
        return ok(c.advance(Number(b.days ?? 1)));
      case "POST report-lag":
        return ok(c.setReportLag(Number(b.minutes ?? 0)));
      case "POST users/:id/disable":
        return ok(c.setUserEnabled(id, false));
      case "POST users/:id/enable":
        return ok(c.setUserEnabled(id, true));
      case "DELETE users/:id":
        return ok(c.deleteUser(id));
      case "POST users/:id/credentials":
        return ok(c.registerCredential(id, b));
      case "GET users/:id/credentials":
        return ok({ value: c.credentialsOf(id) });
      case "DELETE credentials/:id":
        return ok(c.removeCredential(id));
      case "POST authenticator/make-credential":
        return ok(c.makeCredential(b as unknown as Parameters<SimulatorControl["makeCredential"]>[0]));
      case "GET ground-truth":
        return ok({
          value: c.groundTruth({
            userId: query.get("userId") ?? undefined,
            credentialId: query.get("credentialId") ?? undefined,
            serial: query.get("serial") ?? undefined,
          }),
        });
      case "GET destructive-calls":
        return ok({ value: c.destructiveCalls() });
      case "DELETE destructive-calls":
        return ok(c.clearDestructiveCalls());
      case "POST tokens/expire":
        return ok(c.expireTokens());
      case "PATCH policies/tap":
        return ok(c.setTapPolicy(b));
      case "GET policies/tap":
        return ok(c.tapPolicy());
      case "GET users":
        return ok({ value: c.usersInOffice(query.get("officeLocation") ?? "") });
      case "POST groups":
        return ok(c.createGroup(b as unknown as Parameters<SimulatorControl["createGroup"]>[0]));
      case "POST users/:id/use-tap":
        return ok(c.useTap(id));
      case "POST users/:id/self-service/sign-in":
        return ok(
          c.signInWithTap(id, String((b as { temporaryAccessPass?: string }).temporaryAccessPass ?? "")),
        );
      case "POST users/:id/self-service/fido2Methods":
        return ok(c.registerOwnKey(id, (b as { publicKeyCredential?: unknown }).publicKeyCredential));
      case "POST guests":
        return ok(c.inviteGuest(b as unknown as Parameters<SimulatorControl["inviteGuest"]>[0]));
      case "PATCH policies/fido2":
        return ok(c.setFido2Policy(b));
      case "PATCH webauthn":
        return ok(c.setWebauthn(b));
      case "POST sign-ins/key-failures":
        return ok(
          c.addKeyFailures(
            (b as { failures?: Parameters<SimulatorControl["addKeyFailures"]>[0] }).failures ?? [],
          ),
        );
      case "POST throttling":
        return ok(c.setThrottling((b as { mode?: ThrottlingMode }).mode ?? (b as ThrottlingConfig)));
      default:
        if (method === "POST" && seg[0] === "groups" && seg[2] === "members")
          return ok(c.addGroupMember(decodeURIComponent(seg[1] ?? ""), b));
        if (method === "DELETE" && seg[0] === "groups" && seg[2] === "members")
          return ok(c.removeGroupMember(decodeURIComponent(seg[1] ?? ""), b));
        return { status: 404, body: { error: `no control route ${route}` } };
    }
  } catch (e) {
    return { status: e instanceof ControlError ? e.status : 500, body: { error: (e as Error).message } };
  }
}
