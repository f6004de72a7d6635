/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Packages with native/WASM parts or Node-only I/O stay outside the server bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "pg",
    "pg-boss",
    "@azure/identity",
    "@microsoft/microsoft-graph-client",
    "selfsigned",
  ],
  // The database is migrated at start-up from these files (server/db/migrate.ts reads them by a run-time path).
  outputFileTracingIncludes: { "/**": ["./prisma/migrations/**/*", "./prisma/schema.prisma"] },
  experimental: {
    // forbidden() / unauthorized() render app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
};

export default nextConfig;
