// Which interface `npm start` binds. Demo mode signs anyone in as Administrator without a password, so
// it listens on loopback only unless HOST says otherwise; with an identity provider the portal keeps
// Next's default (every interface) unless HOST names one. See docs/SECURITY.md, "Where the portal listens".

export interface ListenChoice {
  /** Passed to `next start -H`; undefined keeps Next's default (every interface). */
  host: string | undefined;
  /** The URL printed at start. */
  url: string;
}

export function listenHost(source: Readonly<Record<string, string | undefined>>, port: string): ListenChoice {
  const given = source.HOST?.trim() || undefined;
  const isDemo = !source.AUTH_OIDC_CLIENT_ID?.trim();
  const host = given ?? (isDemo ? "127.0.0.1" : undefined);
  const shown =
    !host || host === "127.0.0.1" || host === "0.0.0.0" || host === "::"
      ? "localhost"
      : host.includes(":")
        ? `[${host}]`
        : host;
  return { host, url: `http://${shown}:${port}` };
}
