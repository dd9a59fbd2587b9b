/** Step 2 for the vendor shim: the SDK files beside it, their versions, a missing one named. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HftLibrary } from "@tsgate/hft-native";
import { afterAll, describe, expect, it } from "vitest";
import { checkLibrary, VENDOR_SDK_FILES } from "../src/doctor/library-check.js";
import { peFileVersion } from "../src/doctor/pe-version.js";
import { parseHftSettings } from "../src/index.js";
import { FakeFactory } from "./helpers/fake-api.js";

const dir = mkdtempSync(join(tmpdir(), "tsgate-doctor-shim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes with a VS_FIXEDFILEINFO of file version a.b.c.d at a DWORD-aligned offset. */
function fakeDll(a: number, b: number, c: number, d: number): Buffer {
  const image = Buffer.alloc(256, 0x90);
  image.writeUInt32LE(0xfeef04bd, 100);
  image.writeUInt32LE(0x00010000, 104);
  image.writeUInt32LE(((a << 16) | b) >>> 0, 108);
  image.writeUInt32LE(((c << 16) | d) >>> 0, 112);
  return image;
}

class ShimFactory extends FakeFactory {
  constructor(readonly shimPath: string) {
    super();
  }
  override loadLibrary(): never {
    // What loadHftLibrary returns for a shim: only path and info matter to the doctor.
    return new HftLibrary(
      this.shimPath,
      "option",
      "koffi",
      1,
      "tsgate-vendor-shim 0.1.0 (abi 1)",
      {} as never,
    ) as never;
  }
}

describe("vendor shim library check", () => {
  it("reads a DLL's file version from its version resource", () => {
    expect(peFileVersion(fakeDll(3, 2, 1, 40))).toBe("3.2.1.40");
    expect(peFileVersion(Buffer.from("MZ no resources here"))).toBeUndefined();
  });

  it("on Windows lists the SDK files with versions and names the missing one", () => {
    const shim = join(dir, "hftshim.dll");
    writeFileSync(shim, "shim");
    writeFileSync(join(dir, "libhft_trader_api.dll"), fakeDll(1, 0, 7, 2));
    const outcome = checkLibrary(
      new ShimFactory(shim),
      parseHftSettings({ 交易用户名: "u", 交易服务器: "h", 行情用户名: "u", 行情服务器: "h" }),
      "win32",
    );
    expect(outcome.kind).toBe("ok");
    if (outcome.kind !== "ok") return;
    expect(outcome.loaded?.kind).toBe("shim");
    expect(outcome.sdkFiles).toEqual([{ name: "libhft_trader_api.dll", bytes: 256, version: "1.0.7.2" }]);
    expect(outcome.sdkMissing).toEqual(VENDOR_SDK_FILES.filter((f) => f !== "libhft_trader_api.dll"));
  });

  it("elsewhere does not look for Windows DLLs", () => {
    const shim = join(dir, "libhftshim.so");
    writeFileSync(shim, "shim");
    const outcome = checkLibrary(
      new ShimFactory(shim),
      parseHftSettings({ 交易用户名: "u", 交易服务器: "h", 行情用户名: "u", 行情服务器: "h" }),
      "linux",
    );
    expect(outcome.kind === "ok" && outcome.sdkMissing).toEqual([]);
  });
});
