#!/usr/bin/env node
// Holds each package's public surface to its README (issue 19.5): every name `src/index.ts`
// exports must appear as code (inside backticks or a fenced block) in the package's README.md, so
// an internal cannot slip into an index unnoticed and the README stays the list of what users get.
// Tests import internals from their module files, never through the index.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const root = new URL("..", import.meta.url).pathname;

/** Identifiers written as code in a Markdown text: fenced blocks and inline code spans. */
function codeIdentifiers(markdown) {
  const names = new Set();
  const fenced = /^(```|~~~)[^\n]*\n([\s\S]*?)^\1/gm;
  const addAll = (text) => {
    for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) names.add(m[0]);
  };
  for (const m of markdown.matchAll(fenced)) addAll(m[2]);
  for (const m of markdown.replace(fenced, "").matchAll(/(?<!`)(`+)(?!`)([\s\S]+?)(?<!`)\1(?!`)/g))
    addAll(m[2]);
  return names;
}

/** Names exported by each index, resolved through `export *` by the TypeScript checker. */
function exportedNames(indexFiles) {
  const program = ts.createProgram(indexFiles, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  return indexFiles.map((file) => {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${relative(root, file)}: cannot be read as a module`);
    return checker.getExportsOfModule(module).map((s) => s.name);
  });
}

function packagesWithIndex() {
  const dir = join(root, "packages");
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((d) => existsSync(join(d, "src", "index.ts")));
}

const dirs = packagesWithIndex();
const exported = exportedNames(dirs.map((d) => join(d, "src", "index.ts")));
const problems = [];
dirs.forEach((dir, i) => {
  const readmePath = join(dir, "README.md");
  const pkg = relative(root, dir);
  if (!existsSync(readmePath)) {
    problems.push(`${pkg}: has src/index.ts but no README.md`);
    return;
  }
  const documented = codeIdentifiers(readFileSync(readmePath, "utf8"));
  const missing = (exported[i] ?? []).filter((name) => !documented.has(name)).sort();
  if (missing.length > 0) {
    problems.push(
      `${pkg}: src/index.ts exports ${missing.length} name(s) its README.md does not mention as code:\n    ` +
        `${missing.join(", ")}\n    (document them as public API, or stop exporting them and import the module file in tests)`,
    );
  }
});

if (problems.length > 0) {
  console.error(`Public API not documented (issue 19.5):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`public API: ok (${dirs.length} packages, every index export is in its README)`);
