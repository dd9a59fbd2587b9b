import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it, onTestFinished } from "vitest";

const script = fileURLToPath(new URL("./fixtures/connect-close.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("..", import.meta.url));

it("close() releases both native handles: the process exits by itself afterwards", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A child kept alive by a leak must not outlive the test run.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // No timer here: if anything stayed open the child would never exit and the test timeout
  // (see vitest.config.ts) would report it. Without close() it does hang (checked by hand).
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  expect(stderr).toBe("");
  expect(stdout).toBe("closed\n");
  expect(code).toBe(0);
});
