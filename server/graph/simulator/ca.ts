// The simulator's own certificate authority. Node trusts it only through NODE_EXTRA_CA_CERTS, which it
// reads at process start, so the CA must exist before the processes that trust it are spawned: launch
// scripts and vitest's globalSetup call ensureSimulatorCa first. TLS verification is never turned off.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generate } from "selfsigned";

export interface SimulatorCa {
  caPath: string;
  caCert: string;
  serverKey: string;
  serverCert: string;
}

const tenYears = 10 * 365 * 86_400_000;

export async function loadOrCreateCa(dataDir: string): Promise<SimulatorCa> {
  const dir = resolve(dataDir, "simulator");
  const caPath = join(dir, "ca.pem");
  const caKeyPath = join(dir, "ca-key.pem");
  const certPath = join(dir, "server.pem");
  const keyPath = join(dir, "server-key.pem");
  mkdirSync(dir, { recursive: true });
  if (![caPath, caKeyPath, certPath, keyPath].every((p) => existsSync(p))) {
    const notBeforeDate = new Date(Date.now() - 86_400_000);
    const ca = await generate([{ name: "commonName", value: "KeyFleet simulated Entra tenant CA" }], {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate: new Date(Date.now() + tenYears),
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const server = await generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate: new Date(Date.now() + 2 * 365 * 86_400_000),
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    });
    // Written aside and renamed, so a concurrent start never reads half a set; ca.pem last.
    const put = (path: string, content: string, mode = 0o644) => {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, content, { mode });
      renameSync(tmp, path);
    };
    put(caKeyPath, ca.private, 0o600);
    put(keyPath, server.private, 0o600);
    put(certPath, server.cert);
    put(caPath, ca.cert);
  }
  return {
    caPath,
    caCert: readFileSync(caPath, "utf8"),
    serverKey: readFileSync(keyPath, "utf8"),
    serverCert: readFileSync(certPath, "utf8"),
  };
}

/** Creates (first time) or loads the CA and server certificate; returns the CA path for NODE_EXTRA_CA_CERTS. */
export async function ensureSimulatorCa(dataDir: string): Promise<string> {
  return (await loadOrCreateCa(dataDir)).caPath;
}
