import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's schema engine compiled to WebAssembly. The package's entry does `import "./x.wasm"`, which Node
// cannot load without a flag, so we instantiate the module ourselves against its JS glue. Instantiated
// once per process; each engine instance is cheap after that.

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

// On globalThis: the glue module (an external package) outlives Next's dev reloads of this file.
const holder = globalThis as typeof globalThis & { __keyfleetSchemaEngine?: Promise<typeof SchemaEngine> };

async function loadEngineClass(): Promise<typeof SchemaEngine> {
  const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as Glue;
  const bytes = await readFile(findWasmFile());
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

// Not require.resolve: Next's bundler rewrites that into a module id. Look the file up on disk instead,
// from the working directory (the project root for Next, npm scripts and the bin) upwards.
function findWasmFile(): string {
  const relative = path.join("node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm");
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`cannot find ${relative} above ${process.cwd()}: is @prisma/schema-engine-wasm installed?`);
}

export type EngineLog = (line: string) => void;

/** A schema engine bound to one database through a driver adapter. Call `free()` when done. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: { schemaFiles?: { path: string; content: string }[]; log?: EngineLog } = {},
): Promise<SchemaEngine> {
  holder.__keyfleetSchemaEngine ??= loadEngineClass().catch((error: unknown) => {
    holder.__keyfleetSchemaEngine = undefined;
    throw error;
  });
  const Engine = await holder.__keyfleetSchemaEngine;
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const datamodels = options.schemaFiles?.map((f) => [f.path, f.content] as [string, string]);
  return Engine.new({ datamodels }, (line: string) => options.log?.(line), bound);
}
