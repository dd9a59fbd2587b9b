/**
 * Looking for secrets in everything a run produced: each secret is searched as bytes in several
 * encodings (so binary files such as SQLite databases are covered too), and partial leaks are
 * found through every 8-character piece of the secret's random parts.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** A secret to look for. */
export interface Secret {
  /** How reports name it, e.g. "trade password". */
  readonly label: string;
  readonly value: string;
}

/** One thing a run produced: a stream, a file, a message, an answer. */
export interface Artifact {
  /** Where it came from, e.g. `file work/home/.local/state/x.log` or `WebSocket message #12`. */
  readonly where: string;
  readonly bytes: Buffer;
}

interface Needle {
  readonly secret: Secret;
  readonly encoding: string;
  readonly bytes: Buffer;
}

/** Length of the pieces searched for partial leaks. */
export const PIECE_LENGTH = 8;

/**
 * The stable middle of `base64(prefix + secret)` for each alignment of the secret in a longer
 * base64 text (a Basic authorization header, a base64 column).
 */
function base64Forms(bytes: Buffer, alphabet: "base64" | "base64url"): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const text = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString(alphabet)
      .replace(/=+$/, "");
    // Drop the group holding the prefix bytes and the last group, which depends on what follows.
    const middle = text.slice(shift === 0 ? 0 : 4, -4);
    if (middle.length >= 12) forms.push(middle);
  }
  return forms;
}

/** The encodings in which a secret (or a piece of it) is searched. */
function encodings(value: string): Array<[string, Buffer]> {
  const utf8 = Buffer.from(value, "utf8");
  const json = JSON.stringify(value).slice(1, -1);
  const jsonAscii = json.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const forms: Array<[string, Buffer]> = [
    ["as is", utf8],
    ["JSON-escaped", Buffer.from(json)],
    ["JSON-escaped (\\u)", Buffer.from(jsonAscii)],
    ["JSON-escaped twice", Buffer.from(JSON.stringify(json).slice(1, -1))],
    ["URL-encoded", Buffer.from(encodeURIComponent(value))],
    [
      "URL-encoded (lower-case hex)",
      Buffer.from(encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())),
    ],
    ["form-encoded", Buffer.from(new URLSearchParams({ x: value }).toString().slice(2))],
    ["URI-encoded", Buffer.from(encodeURI(value))],
    ["hex", Buffer.from(utf8.toString("hex"))],
    ["HEX", Buffer.from(utf8.toString("hex").toUpperCase())],
    ["UTF-16LE", Buffer.from(value, "utf16le")],
    ["UTF-16BE", Buffer.from(value, "utf16le").swap16()],
  ];
  // base64 of the secret as is, JSON-escaped or URL-encoded, at each of the three alignments.
  for (const [name, text] of [
    ["", value],
    [" of it JSON-escaped", json],
    [" of it URL-encoded", encodeURIComponent(value)],
  ] as const) {
    for (const alphabet of ["base64", "base64url"] as const) {
      for (const form of base64Forms(Buffer.from(text), alphabet))
        forms.push([`${alphabet}${name}`, Buffer.from(form)]);
    }
  }
  return forms;
}

/** Every needle of a secret: its encodings, and each {@link PIECE_LENGTH}-character piece of its random runs. */
function needlesOf(secret: Secret): Needle[] {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  const add = (encoding: string, bytes: Buffer) => {
    const key = bytes.toString("hex");
    if (seen.has(key)) return;
    seen.add(key);
    needles.push({ secret, encoding, bytes });
  };
  for (const [encoding, bytes] of encodings(secret.value)) add(encoding, bytes);
  // Partial leaks (a message that quotes a piece of a file): runs of letters and digits.
  for (const run of secret.value.matchAll(/[A-Za-z0-9_-]{8,}/g)) {
    for (let i = 0; i + PIECE_LENGTH <= run[0].length; i++) {
      const piece = run[0].slice(i, i + PIECE_LENGTH);
      const at = run.index + i;
      add(`characters ${at}-${at + PIECE_LENGTH - 1} of it`, Buffer.from(piece));
      add(`characters ${at}-${at + PIECE_LENGTH - 1} of it, UTF-16LE`, Buffer.from(piece, "utf16le"));
    }
    // A random run survives JSON and URL encoding: its base64 finds them base64-encoded too.
    const where = `characters ${run.index}-${run.index + run[0].length - 1} of it`;
    for (const alphabet of ["base64", "base64url"] as const) {
      for (const form of base64Forms(Buffer.from(run[0]), alphabet))
        add(`${where}, ${alphabet}`, Buffer.from(form));
    }
  }
  return needles;
}

/** A secret found somewhere it must not be. */
export interface Leak {
  readonly secret: string;
  readonly encoding: string;
  readonly where: string;
  readonly offset: number;
  /** The text around it, with every secret replaced by `<label>`. */
  readonly context: string;
}

/** Searches the artifacts for the secrets. */
export class LeakScanner {
  private readonly needles: Needle[];

  constructor(secrets: readonly Secret[]) {
    for (const secret of secrets) {
      if (secret.value.length < 12) throw new Error(`the ${secret.label} is too short to search for`);
    }
    this.needles = secrets.flatMap(needlesOf);
  }

  /** Number of byte patterns searched. */
  get patternCount(): number {
    return this.needles.length;
  }

  /**
   * Every place where a secret occurs, at most `limit` per secret and artifact. A find inside a
   * longer find of the same secret (a piece of a whole password) is not reported again.
   */
  scan(artifacts: readonly Artifact[], limit = 3): Leak[] {
    const leaks: Leak[] = [];
    for (const artifact of artifacts) {
      const finds: Array<{ needle: Needle; offset: number }> = [];
      for (const needle of this.needles) {
        let from = 0;
        for (;;) {
          const offset = artifact.bytes.indexOf(needle.bytes, from);
          if (offset < 0) break;
          finds.push({ needle, offset });
          from = offset + 1;
        }
      }
      finds.sort((a, b) => b.needle.bytes.length - a.needle.bytes.length);
      const kept: Array<{ needle: Needle; offset: number }> = [];
      for (const find of finds) {
        const end = find.offset + find.needle.bytes.length;
        const inside = kept.some(
          (k) =>
            k.needle.secret === find.needle.secret &&
            k.offset <= find.offset &&
            end <= k.offset + k.needle.bytes.length,
        );
        if (inside) continue;
        if (kept.filter((k) => k.needle.secret === find.needle.secret).length >= limit) continue;
        kept.push(find);
      }
      for (const { needle, offset } of kept.sort((a, b) => a.offset - b.offset)) {
        leaks.push({
          secret: needle.secret.label,
          encoding: needle.encoding,
          where: artifact.where,
          offset,
          context: this.context(artifact.bytes, offset, needle.bytes.length),
        });
      }
    }
    return leaks;
  }

  /** The bytes around a find as one line of text, every secret masked, control characters shown as `\n`, `\xNN`. */
  private context(bytes: Buffer, offset: number, length: number): string {
    const start = Math.max(0, offset - 80);
    const end = Math.min(bytes.length, offset + length + 80);
    // Mask longest needles first so a whole secret is not shown as a row of pieces.
    const window = Buffer.from(bytes.subarray(start, end));
    const marks: Array<{ at: number; length: number; label: string }> = [];
    const sorted = [...this.needles].sort((a, b) => b.bytes.length - a.bytes.length);
    const covered = new Uint8Array(window.length);
    for (const needle of sorted) {
      let from = 0;
      for (;;) {
        const at = window.indexOf(needle.bytes, from);
        if (at < 0) break;
        from = at + 1;
        if (covered.subarray(at, at + needle.bytes.length).some((c) => c === 1)) continue;
        covered.fill(1, at, at + needle.bytes.length);
        marks.push({
          at,
          length: needle.bytes.length,
          label: `<${needle.secret.label}: ${needle.encoding}>`,
        });
      }
    }
    marks.sort((a, b) => a.at - b.at);
    let text = start > 0 ? "…" : "";
    let pos = 0;
    for (const m of marks) {
      text += printable(window.subarray(pos, m.at)) + m.label;
      pos = m.at + m.length;
    }
    text += printable(window.subarray(pos));
    return end < bytes.length ? `${text}…` : text;
  }
}

function printable(bytes: Buffer): string {
  let out = "";
  for (const c of bytes.toString("utf8")) {
    const code = c.codePointAt(0) ?? 0;
    if (c === "\ufffd") out += "?";
    else if (c === "\n") out += "\\n";
    else if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, "0")}`;
    } else out += c;
  }
  return out;
}

/** A readable report of leaks, one per line. */
export function formatLeaks(leaks: readonly Leak[]): string {
  return leaks
    .map(
      (leak) => `${leak.secret} (${leak.encoding}) in ${leak.where} at byte ${leak.offset}: ${leak.context}`,
    )
    .join("\n");
}

/**
 * Every regular file under `root` (recursively, symbolic links not followed), read as bytes, named
 * by its path relative to `root`. Paths in `skip` are left out (the test's own input files).
 */
export function filesUnder(root: string, skip: ReadonlySet<string> = new Set()): Artifact[] {
  const out: Artifact[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && !skip.has(path)) {
        out.push({ where: `file ${relative(root, path)}`, bytes: readFileSync(path) });
      }
    }
  };
  walk(root);
  return out;
}
