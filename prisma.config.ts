import { defineConfig } from "prisma/config";

// The native schema engine cannot be downloaded on our machines; migrations run through
// @prisma/schema-engine-wasm (server/db/migrate.ts). This file only tells the CLI where the schema is.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
