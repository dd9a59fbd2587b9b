/**
 * Writes docs/protocol-vectors.json from the TS codec. Run after a protocol change:
 *   npx tsx packages/mock-server/scripts/gen-vectors.ts
 * The test suite fails while the committed file differs from this output.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { vectorFileText } from "./vectors.js";

const target = fileURLToPath(new URL("../../../docs/protocol-vectors.json", import.meta.url));
writeFileSync(target, vectorFileText());
console.log(`wrote ${target}`);
