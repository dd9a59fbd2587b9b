#!/usr/bin/env node
// npm runs this before `npm pack` and `npm publish`: the package ships the win32-x64 DLL
// (build/win32-x64/libhftsim.dll) so that Windows users need no compiler. It is cross-built here with
// MinGW-w64. Publishing without it is refused; a local `npm pack` (the repo's pack test, a user's
// tarball) without the cross compiler goes on with a warning, the tarball then lacking the DLL.
import { spawnSync } from "node:child_process";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "build-native.mjs");
// The build's progress goes to stderr: `npm pack --json` prints the tarball's JSON on stdout.
const res = spawnSync(process.execPath, [script, "--target", "win32-x64"], {
  stdio: ["ignore", process.stderr, "pipe"],
  encoding: "utf8",
});
if (res.status === 0) process.exit(0);
process.stderr.write(res.stderr);
if (process.env.npm_command === "publish") {
  process.stderr.write("prepack: refusing to publish @tsgate/hft-native without its win32-x64 DLL\n");
  process.exit(1);
}
process.stderr.write("prepack: warning: this tarball has no win32-x64 DLL (the cross compiler is missing)\n");
