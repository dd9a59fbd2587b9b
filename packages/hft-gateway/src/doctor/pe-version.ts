/**
 * The file version of a Windows DLL, for the report on the vendor SDK files: read from the
 * `VS_FIXEDFILEINFO` block of its version resource, found by its signature 0xFEEF04BD, as
 * Microsoft documents the structure (learn.microsoft.com, "VS_FIXEDFILEINFO structure
 * (verrsrc.h)", read 2026-12-02): `dwSignature`, `dwStrucVersion`, then `dwFileVersionMS` and
 * `dwFileVersionLS`, each version word holding two 16-bit parts, high first.
 *
 * @module
 */

/** `dwSignature` of VS_FIXEDFILEINFO. */
const FIXED_FILE_INFO_SIGNATURE = 0xfeef04bd;
/** The signature, the structure version and the two file-version words. */
const NEEDED_BYTES = 16;

/** The file version `a.b.c.d` of a PE image's bytes, undefined when it has no version resource. */
export function peFileVersion(image: Buffer): string | undefined {
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(FIXED_FILE_INFO_SIGNATURE, 0);
  let at = image.indexOf(signature);
  while (at >= 0) {
    // VS_FIXEDFILEINFO is DWORD-aligned inside the resource.
    if (at % 4 === 0 && at + NEEDED_BYTES <= image.length) {
      const ms = image.readUInt32LE(at + 8);
      const ls = image.readUInt32LE(at + 12);
      return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
    }
    at = image.indexOf(signature, at + 1);
  }
  return undefined;
}
