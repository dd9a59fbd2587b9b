#!/usr/bin/env node
// Enforces the package dependency direction of DESIGN.md §2 on both package.json dependencies and
// the imports in each package's src/: hft-gateway -> ashare-rules, core, hft-native; apps -> anything;
// strategy -> ashare-rules, core; backtest -> core, strategy, hft-gateway, mock-server; mock-server
// only on safe-json (a leaf with no tsgate knowledge); hft-native, ashare-rules and safe-json on no
// other package at runtime; core only on small libraries.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

/** Runtime @tsgate dependencies each package may have; `*` = any. */
const allowed = {
  "@tsgate/core": [],
  "@tsgate/ashare-rules": [],
  "@tsgate/mock-server": ["@tsgate/safe-json"],
  "@tsgate/safe-json": [],
  "@tsgate/hft-native": [],
  "@tsgate/hft-gateway": ["@tsgate/ashare-rules", "@tsgate/core", "@tsgate/hft-native"],
  "@tsgate/nats-bridge": ["@tsgate/core"],
  "@tsgate/journal": ["@tsgate/core"],
  "@tsgate/strategy": ["@tsgate/ashare-rules", "@tsgate/core"],
  // Full-path backtests drive the mock servers through the production gateway.
  "@tsgate/backtest": ["@tsgate/core", "@tsgate/strategy", "@tsgate/hft-gateway", "@tsgate/mock-server"],
};

function packageDirs() {
  return ["packages", "apps"].flatMap((group) => {
    const dir = join(root, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((d) => existsSync(join(d, "package.json")));
  });
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const problems = [];
for (const dir of packageDirs()) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const rule = allowed[pkg.name] ?? (dir.includes("/apps/") ? "*" : undefined);
  if (rule === undefined) {
    problems.push(`${pkg.name}: no boundary rule; add it to scripts/check-boundaries.mjs`);
    continue;
  }
  if (rule === "*") continue;
  const runtimeDeps = Object.keys({
    ...pkg.dependencies,
    ...pkg.peerDependencies,
    ...pkg.optionalDependencies,
  });
  for (const dep of runtimeDeps.filter((d) => d.startsWith("@tsgate/"))) {
    if (!rule.includes(dep)) problems.push(`${pkg.name}: must not depend on ${dep} (package.json)`);
  }
  for (const file of sourceFiles(join(dir, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](@tsgate\/[^/"']+)/g)) {
      const dep = match[1];
      if (dep !== pkg.name && !rule.includes(dep)) {
        problems.push(`${pkg.name}: ${relative(root, file)} imports ${dep}`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`Package boundary violations (DESIGN.md §2):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("package boundaries: ok");
