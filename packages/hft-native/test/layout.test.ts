import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKED_STRUCTS, EVENT, QUERY_RECORD_OFFSET } from "../src/layout.js";
import { compileC, tempDir } from "./helpers/backends.js";

const INCLUDE = join(import.meta.dirname, "..", "native", "include");

/*
 * The decoder reads fields at offsets written by hand in src/layout.ts. This test asks the C compiler
 * for offsetof/sizeof of every one of them (and of the event union members) from hft_api.h itself.
 */
describe("struct layout table matches hft_api.h", () => {
  const tmp = tempDir("layout");
  afterAll(() => tmp.cleanup());

  it("every field offset and size, every struct size", () => {
    const lines: string[] = [];
    const expected: string[] = [];
    for (const s of CHECKED_STRUCTS) {
      lines.push(`printf("${s.cName} %zu\\n", sizeof(${s.cName}));`);
      expected.push(`${s.cName} ${s.size}`);
      for (const [field, spec] of Object.entries(s.fields)) {
        lines.push(
          `printf("${s.cName}.${field} %zu %zu\\n", offsetof(${s.cName}, ${field}), sizeof(((${s.cName}*)0)->${field}));`,
        );
        expected.push(`${s.cName}.${field} ${spec.offset} ${spec.size}`);
      }
    }
    // Union members of hft_event_t.body: all at the body offset; query records after the 32-byte cursor.
    const members = [
      "status",
      "error",
      "login",
      "order_rsp",
      "cancel_rsp",
      "order",
      "trade",
      "risk",
      "sub_rsp",
      "md",
      "base_info",
      "overflow",
    ];
    for (const m of members) {
      lines.push(`printf("body.${m} %zu\\n", offsetof(hft_event_t, body.${m}));`);
      expected.push(`body.${m} ${EVENT.fields.body.offset}`);
    }
    for (const q of ["query_order", "query_trade", "query_position", "query_cash", "query_security"]) {
      lines.push(`printf("body.${q}.record %zu\\n", offsetof(hft_event_t, body.${q}.record));`);
      expected.push(`body.${q}.record ${EVENT.fields.body.offset + QUERY_RECORD_OFFSET}`);
    }
    lines.push(
      `printf("body.query_error.error_msg %zu\\n", offsetof(hft_event_t, body.query_error.error_msg));`,
    );
    expected.push(`body.query_error.error_msg ${EVENT.fields.body.offset + QUERY_RECORD_OFFSET}`);

    const source = `#include <stddef.h>\n#include <stdio.h>\n#include "hft_api.h"\nint main(void) {\n${lines.join("\n")}\nreturn 0;\n}\n`;
    const exe = join(tmp.dir, "layout");
    compileC(source, exe, { shared: false, include: INCLUDE });
    const out = execFileSync(exe, { encoding: "utf8" }).trim().split("\n");
    expect(out).toEqual(expected);
  });
});
