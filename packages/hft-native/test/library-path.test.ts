import { sep } from "node:path";
import { afterEach, expect, it } from "vitest";
import { bundledLibraryPath, testLibraryPath } from "../src/index.js";

const realPlatform = process.platform;
function pretend(platform: NodeJS.Platform): void {
  Object.defineProperty(process, "platform", { value: platform, configurable: true });
}
afterEach(() => pretend(realPlatform));

it("on Windows the bundled libraries are the MinGW DLLs in build/win32-x64", () => {
  pretend("win32");
  expect(bundledLibraryPath().endsWith(["build", "win32-x64", "libhftsim.dll"].join(sep))).toBe(true);
  expect(testLibraryPath().endsWith(["build", "win32-x64", "libhftsim-test.dll"].join(sep))).toBe(true);
});

it("on Linux and macOS they are build/libhftsim.so / .dylib", () => {
  pretend("linux");
  expect(bundledLibraryPath().endsWith(["build", "libhftsim.so"].join(sep))).toBe(true);
  expect(testLibraryPath().endsWith(["build", "libhftsim-test.so"].join(sep))).toBe(true);
  pretend("darwin");
  expect(bundledLibraryPath().endsWith(["build", "libhftsim.dylib"].join(sep))).toBe(true);
});
