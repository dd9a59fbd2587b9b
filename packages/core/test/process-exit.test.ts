import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const TSX_LOADER = pathToFileURL(require.resolve("tsx")).href;
const SCRIPT = fileURLToPath(new URL("./fixtures/process-exit.ts", import.meta.url));
// Generous: tsx compiles on first start, and CI machines can be slow.
const EXIT_TIMEOUT_MS = 30_000;

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill();
});

interface Outcome {
  readonly exited: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the fixture in a fresh Node process; resolves when it exits or after `waitMs`. */
function run(mode: string, waitMs: number): Promise<Outcome> {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, SCRIPT, mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ exited: false, code: null, stdout, stderr }), waitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code, stdout, stderr });
    });
  });
}

describe("process lifetime", () => {
  it(
    "exits by itself after MainEngine.close() (gateway handles released, no timers left)",
    async () => {
      const outcome = await run("main-engine-close", EXIT_TIMEOUT_MS);
      expect(outcome.stderr).toBe("");
      expect(outcome.stdout).toContain("closed");
      expect(outcome).toMatchObject({ exited: true, code: 0 });
    },
    EXIT_TIMEOUT_MS + 5_000,
  );

  it(
    "is not kept alive by a running EventEngine's timer",
    async () => {
      const outcome = await run("event-engine-running", EXIT_TIMEOUT_MS);
      expect(outcome.stdout).toContain("started");
      expect(outcome).toMatchObject({ exited: true, code: 0 });
    },
    EXIT_TIMEOUT_MS + 5_000,
  );

  it(
    "is kept alive by MainEngine's keepAlive option until close()",
    async () => {
      const child = spawn(process.execPath, ["--import", TSX_LOADER, SCRIPT, "keep-alive-without-close"], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      // Wait until the script has run, then check it is still alive a while later. A slow machine
      // can only make the process look more alive, never less, so this does not depend on speed.
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("started")) resolve();
        });
        child.on("exit", (code) => reject(new Error(`exited early with code ${code}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(child.exitCode).toBeNull();
      child.kill();
    },
    EXIT_TIMEOUT_MS + 5_000,
  );
});
