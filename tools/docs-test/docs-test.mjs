#!/usr/bin/env node
// The docs test: every fenced block marked `runnable` in docs/ and the READMEs runs, so a guide
// cannot drift from the code (fences.mjs says how blocks are marked).
//
// - TypeScript blocks (alone, or a group joined in order) are type-checked together with tsc
//   (strict) and then run with tsx, from a temporary directory whose node_modules is the
//   repository's: `@tsgate/*` resolve to the built packages (Nx builds them first), as installed
//   packages would.
// - Shell blocks run with `bash -e -o pipefail` in a fresh temporary directory (or the repository
//   root with `cwd=repo`), with the repository's node_modules/.bin on PATH and TSGATE_REPO set.
// - An `output` block after a runnable block must equal its standard output.
//
// Every block has a time limit (default 30 s) and its process group is killed after it. Plain
// Node, no dependencies beyond the workspace's typescript and tsx. TSGATE_DOCS_TEST_KEEP=1 keeps
// the temporary directory.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { jobsOf, parseFences } from "./fences.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_TIMEOUT_MS = 30_000;
const TYPECHECK_TIMEOUT_MS = 60_000;
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** docs/**\/*.md, the root README and every package's and app's README. */
function markdownFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "api") walk(full);
      else if (entry.isFile() && entry.name.endsWith(".md")) files.push(full);
    }
  };
  walk(path.join(root, "docs"));
  files.push(path.join(root, "README.md"));
  for (const parent of ["packages", "apps"]) {
    for (const entry of readdirSync(path.join(root, parent), { withFileTypes: true })) {
      const readme = path.join(root, parent, entry.name, "README.md");
      if (entry.isDirectory() && existsSync(readme)) files.push(readme);
    }
  }
  return files;
}

/** Runs a command; resolves with its exit code and output, killing its process group at the limit. */
function run(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === null ? 1 : 128), stdout, stderr, timedOut });
    });
  });
}

const tail = (text, lines = 25) => text.trimEnd().split("\n").slice(-lines).join("\n");
const normalize = (text) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();

async function main() {
  const jobs = [];
  for (const file of markdownFiles()) {
    const relative = path.relative(root, file);
    jobs.push(...jobsOf(relative, parseFences(readFileSync(file, "utf8")), DEFAULT_TIMEOUT_MS));
  }
  if (jobs.length === 0) throw new Error("no runnable blocks found: the marker is ```ts runnable");

  const work = mkdtempSync(path.join(tmpdir(), "tsgate-docs-"));
  const failures = [];
  try {
    // Imports resolve from here to the repository's packages, like an installed project's.
    symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
    writeFileSync(path.join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
    const tsJobs = jobs.filter((job) => job.kind === "ts");
    tsJobs.forEach((job, i) => {
      job.file = path.join(work, `snippet-${i + 1}.mts`);
      writeFileSync(job.file, job.source);
    });

    if (tsJobs.length > 0) {
      writeFileSync(
        path.join(work, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noUncheckedIndexedAccess: true,
            target: "es2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            noEmit: true,
            skipLibCheck: true,
            types: ["node"],
          },
          include: ["*.mts"],
        }),
      );
      const started = Date.now();
      const checked = await run(
        process.execPath,
        [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", work],
        {
          cwd: work,
          env: process.env,
          timeoutMs: TYPECHECK_TIMEOUT_MS,
        },
      );
      if (checked.code !== 0) {
        // Name the doc block, not the temporary file.
        let text = checked.stdout + checked.stderr;
        for (const job of tsJobs) text = text.replaceAll(path.basename(job.file), job.name);
        failures.push(`type check of the TypeScript blocks failed:\n${tail(text, 40)}`);
      }
      console.log(
        `${checked.code === 0 ? "ok  " : "FAIL"} type check of ${tsJobs.length} TypeScript programs (${Date.now() - started} ms)`,
      );
    }

    for (const job of jobs) {
      const started = Date.now();
      let cwd = root;
      if (job.cwd === "tmp") {
        cwd = mkdtempSync(path.join(work, "sh-"));
        mkdirSync(cwd, { recursive: true });
      }
      const env = {
        ...process.env,
        PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
        TSGATE_REPO: root,
        FORCE_COLOR: "0",
        NO_COLOR: "1",
      };
      const result =
        job.kind === "ts"
          ? await run(bin("tsx"), [job.file], { cwd: work, env, timeoutMs: job.timeoutMs })
          : await run("bash", ["-e", "-o", "pipefail", "-c", job.source], {
              cwd,
              env,
              timeoutMs: job.timeoutMs,
            });
      let problem;
      if (result.timedOut) problem = `did not finish within ${job.timeoutMs} ms`;
      else if (result.code !== 0) problem = `exited with code ${result.code}`;
      else if (
        job.expectedOutput !== undefined &&
        normalize(result.stdout) !== normalize(job.expectedOutput)
      ) {
        problem = `printed something else than its output block:\n--- expected\n${normalize(job.expectedOutput)}\n--- printed\n${normalize(result.stdout)}`;
      }
      console.log(
        `${problem === undefined ? "ok  " : "FAIL"} ${job.name} (${job.kind}, ${Date.now() - started} ms)`,
      );
      if (problem !== undefined) {
        failures.push(
          `${job.name} ${problem}\n--- stderr (last lines)\n${tail(result.stderr)}\n--- stdout (last lines)\n${tail(result.stdout)}`,
        );
      }
    }
  } finally {
    if (process.env.TSGATE_DOCS_TEST_KEEP === "1") console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} runnable doc block(s) failed:\n\n${failures.join("\n\n")}`);
    process.exitCode = 1;
  } else {
    console.log(`all ${jobs.length} runnable doc blocks passed`);
  }
}

await main();
