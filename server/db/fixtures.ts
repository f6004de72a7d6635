// Data the tests use again and again, written once: key models the integration tests seed (tests spread
// them and add what they need: `{ ...yubikey5c, unitCostCents: 6000 }`), and a recorded outage error.

export const yubikey5c = {
  id: "m1",
  vendor: "Yubico",
  productName: "YubiKey 5C NFC",
  formFactor: "usb_c_nfc",
  leadTimeDays: 14,
} as const;

export const securityKeyNfc = {
  id: "m2",
  vendor: "Yubico",
  productName: "Security Key NFC",
  formFactor: "usb_a_nfc",
  leadTimeDays: 10,
} as const;

/**
 * Prisma's `meta` for a PostgreSQL server shutting down under a running client (57P01, admin shutdown),
 * as Prisma 7 with @prisma/adapter-pg threw it (recorded with scripts/bench/pg-cluster.ts).
 */
export const adminShutdownMeta = {
  driverAdapterError: {
    name: "DriverAdapterError",
    cause: {
      kind: "postgres",
      code: "57P01",
      originalCode: "57P01",
      message: "terminating connection due to administrator command",
    },
  },
};
