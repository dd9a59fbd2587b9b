#!/usr/bin/env node
// Converts docs/protocol-vectors.json into a line format that the C codec test
// (native/test/test_codec.c) reads without a JSON parser. Text values are hex-encoded UTF-8, so
// no quoting or escaping is needed on the C side.
//
//   V <name-hex> <type> <seq> <frame-hex>   a valid vector; its lines follow until E
//   F <field> i <integer>                   integer field (decimal)
//   F <field> b <0|1>                       boolean field
//   F <field> s <utf8-hex or ->             text field ("-" = empty)
//   A <field> <int> <int> ...               integer array field (5 depth levels)
//   C <utf8-hex or ->                       one MD_SUBSCRIBE_REQ code, in order
//   R                                       starts the next QUERY_RSP record
//   E                                       end of the vector
//   I <name-hex> <frame-hex> <error-code>   an invalid frame and its expected error class
//
// Usage: node scripts/vectors-to-lines.mjs <protocol-vectors.json> <out.txt>
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write("usage: vectors-to-lines.mjs <protocol-vectors.json> <out.txt>\n");
  process.exit(2);
}

const hex = (s) => (s === "" ? "-" : Buffer.from(s, "utf8").toString("hex"));

function field(name, value, lines) {
  if (typeof value === "boolean") lines.push(`F ${name} b ${value ? 1 : 0}`);
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`${name}: ${value} is not a safe integer`);
    lines.push(`F ${name} i ${value}`);
  } else if (typeof value === "string") lines.push(`F ${name} s ${hex(value)}`);
  else if (Array.isArray(value) && value.every((v) => typeof v === "number"))
    lines.push(`A ${name} ${value.join(" ")}`);
  else throw new Error(`${name}: unsupported value ${JSON.stringify(value)}`);
}

const file = JSON.parse(readFileSync(input, "utf8"));
if (file.version !== 1) throw new Error(`unsupported vector file version ${file.version}`);
const lines = [];
for (const v of file.vectors) {
  lines.push(`V ${hex(v.name)} ${v.type} ${v.seq} ${v.hex}`);
  for (const [name, value] of Object.entries(v.message)) {
    if (name === "records") {
      for (const rec of value) {
        lines.push("R");
        for (const [rn, rv] of Object.entries(rec)) field(rn, rv, lines);
      }
    } else if (name === "codes") {
      for (const code of value) lines.push(`C ${hex(code)}`);
    } else field(name, value, lines);
  }
  lines.push("E");
}
for (const v of file.invalid) lines.push(`I ${hex(v.name)} ${v.hex} ${v.expectedError}`);
writeFileSync(output, `${lines.join("\n")}\n`);
process.stdout.write(
  `vectors-to-lines: ${file.vectors.length} vectors, ${file.invalid.length} invalid -> ${output}\n`,
);
