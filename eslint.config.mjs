import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettierConfig from "eslint-config-prettier";

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
  // Layout is Prettier's (npm run format); its config turns off the stylistic rules it would fight.
  prettierConfig,
);
