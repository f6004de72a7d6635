import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettierConfig from "eslint-config-prettier";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import keyfleet from "./eslint-rules/keyfleet.mjs";

// Modest on purpose: the recommended sets, plus the one architectural rule — only repositories,
// server/db and tests touch the Prisma client. Everything else goes through a repository.
const prismaOnlyInRepositories = {
  paths: [
    {
      name: "@prisma/client",
      message: "Only repositories (server/**/*.repository.ts) and server/db may use Prisma.",
    },
    { name: "@prisma/adapter-pg", message: "Database adapters belong in server/db." },
    { name: "pglite-prisma-adapter", message: "Database adapters belong in server/db." },
    { name: "@electric-sql/pglite", message: "The embedded database is opened in server/db." },
  ],
  patterns: [
    {
      group: ["@prisma/client/*", "**/db/generated", "**/db/generated/**"],
      message: "Only repositories (server/**/*.repository.ts) and server/db may use the Prisma client.",
    },
  ],
};

// app/ is the browser's and the pages' side: from server/modules it takes only the shapes (*.schemas)
// and constants (*.constants), never a service, repository or rule.
const appImports = {
  ...prismaOnlyInRepositories,
  patterns: [
    ...prismaOnlyInRepositories.patterns,
    {
      regex: "^(@/|(\\.\\./)+)server/modules/.*(?<!\\.schemas|\\.constants)$",
      message:
        "app/ imports from server/modules only *.schemas and *.constants files; reach the rest through tRPC.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "server/db/generated/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs}"],
    rules: { "no-restricted-imports": ["error", prismaOnlyInRepositories] },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", appImports] },
  },
  {
    files: [
      "server/**/*.repository.ts",
      "server/db/**",
      "**/*.test.ts",
      "**/*.test.tsx",
      "e2e/**",
      "prisma/**",
    ],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    // recovery.repository.ts ⇄ tap-state.ts is broken by the recovery module's owner (StoredTap to a leaf).
    ignores: ["server/modules/recovery/recovery.repository.ts", "server/modules/recovery/tap-state.ts"],
    plugins: { keyfleet },
    rules: { "keyfleet/no-import-cycle": "error" },
  },
  {
    files: ["app/**"],
    plugins: { keyfleet },
    rules: {
      "keyfleet/route-components": "error",
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    // Tests, their harnesses (testing.ts, *-harness.ts, *.testing.ts), the seeds and the benchmarks'
    // fixtures write rows directly.
    ignores: [
      "server/**/*.repository.ts",
      "server/db/**",
      "**/*.test.ts",
      "**/testing.ts",
      "**/*.testing.ts",
      "**/*-harness.ts",
      "prisma/**",
      "scripts/bench*",
      "scripts/bench/**",
    ],
    plugins: { keyfleet },
    rules: { "keyfleet/prisma-calls": "error" },
  },
  // Layout is Prettier's (npm run format); its config turns off the stylistic rules it would fight.
  prettierConfig,
);
