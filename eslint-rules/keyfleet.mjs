// KeyFleet's own lint rules (docs/ARCHITECTURE.md, "What the lint enforces"). Each is a boundary of the
// layering that the stock rules cannot state.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const rel = (file) => path.relative(root, file).split(path.sep).join("/");

/** The import's target, relative to the repository root, when it is a file of this repository. */
function target(spec, file) {
  if (spec.startsWith("@/")) return path.posix.normalize(spec.slice(2));
  if (spec.startsWith(".")) return rel(path.resolve(path.dirname(file), spec));
  return null;
}

/** Calls check(node, specifier) for each import, re-export and import() with a literal specifier. */
function onImports(check) {
  const visit = (node) => {
    const src = node.source;
    if (src && src.type === "Literal" && typeof src.value === "string") check(node, src.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

// ── A route's _components belong to that route and the routes below it ───────────────────────────────
const routeComponents = {
  meta: {
    type: "problem",
    schema: [{ type: "object", properties: { allow: { type: "array", items: { type: "string" } } } }],
    messages: {
      foreign:
        "{{target}} belongs to the route {{owner}}. Move what both routes use to app/_components (or app/(portal)/_components) instead of reaching into another route's _components.",
    },
  },
  create(context) {
    const file = rel(context.physicalFilename);
    const dir = path.posix.dirname(file);
    const allow = new Set(context.options[0]?.allow ?? []);
    return onImports((node, spec) => {
      const t = target(spec, context.physicalFilename);
      if (!t || allow.has(t)) return;
      const parts = t.split("/");
      const i = parts.indexOf("_components");
      if (i < 0) return;
      const owner = parts.slice(0, i).join("/");
      if (dir === owner || dir.startsWith(`${owner}/`)) return;
      context.report({ node, messageId: "foreign", data: { target: t, owner } });
    });
  },
};

// ── Prisma calls only in repositories and server/db ────────────────────────────────────────────────
const prismaMethods = new Set(
  "findMany findUnique findUniqueOrThrow findFirst findFirstOrThrow create createMany createManyAndReturn update updateMany updateManyAndReturn upsert delete deleteMany count aggregate groupBy".split(
    " ",
  ),
);
const rawMethods = new Set([
  "$queryRaw",
  "$executeRaw",
  "$queryRawUnsafe",
  "$executeRawUnsafe",
  "$transaction",
]);
let delegates = null;
/** The client's model delegates (`securityKey` for `model SecurityKey`), read from the schema once. */
function modelDelegates() {
  if (!delegates) {
    const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    delegates = new Set(
      [...schema.matchAll(/^model (\w+)/gm)].map((m) => m[1][0].toLowerCase() + m[1].slice(1)),
    );
  }
  return delegates;
}
const propName = (m) => (m.type === "MemberExpression" && !m.computed ? m.property.name : null);

const prismaCalls = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      call: "`{{call}}` is a Prisma call: only repositories (server/**/*.repository.ts) and server/db may make one. Add a repository method and call that.",
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        const method = propName(callee);
        if (!method) return;
        if (rawMethods.has(method)) {
          context.report({ node, messageId: "call", data: { call: method } });
          return;
        }
        const model = prismaMethods.has(method) ? propName(callee.object) : null;
        if (model && modelDelegates().has(model)) {
          context.report({ node, messageId: "call", data: { call: `${model}.${method}` } });
        }
      },
    };
  },
};

// ── No import cycles, `import type` included ───────────────────────────────────────────────────────
// import-x/no-cycle skips type-only imports; a circle of types still ties modules together (a service
// and its parts each needing the other), so this rule walks every import.
let cycles = null;
function importCycles() {
  if (cycles) return cycles;
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  const host = ts.createCompilerHost(config.options);
  const graph = new Map();
  const inTree = (f) =>
    !f.includes("/node_modules/") && !f.includes("/.next/") && !f.includes("/db/generated/");
  for (const file of config.fileNames.filter(inTree)) {
    const info = ts.preProcessFile(ts.sys.readFile(file) ?? "", true, true);
    const deps = new Set();
    for (const ref of info.importedFiles) {
      const r = ts.resolveModuleName(ref.fileName, file, config.options, host).resolvedModule;
      if (r && !r.isExternalLibraryImport && inTree(r.resolvedFileName))
        deps.add(path.resolve(r.resolvedFileName));
    }
    graph.set(path.resolve(file), deps);
  }
  // Tarjan's strongly connected components: every file in one of more than one file is on a circle.
  cycles = new Map();
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) for (const f of scc) cycles.set(f, scc);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const noImportCycle = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      cycle:
        "This file is on an import circle ({{files}}), `import type` included. Move the shared types (a module's Deps, its inputs) to a leaf file that imports none of them.",
    },
  },
  create(context) {
    return {
      Program(node) {
        const scc = importCycles().get(path.resolve(context.physicalFilename));
        if (scc)
          context.report({ node, messageId: "cycle", data: { files: scc.map(rel).sort().join(", ") } });
      },
    };
  },
};

export default {
  meta: { name: "keyfleet" },
  rules: {
    "route-components": routeComponents,
    "prisma-calls": prismaCalls,
    "no-import-cycle": noImportCycle,
  },
};
