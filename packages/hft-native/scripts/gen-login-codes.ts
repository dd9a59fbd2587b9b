/** Writes native/sim/login_codes.h from src/login-codes.ts (see login-codes-header.ts). */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LOGIN_CODES_HEADER, renderLoginCodesHeader } from "./login-codes-header.js";

const target = fileURLToPath(new URL(`../${LOGIN_CODES_HEADER}`, import.meta.url));
writeFileSync(target, renderLoginCodesHeader());
console.log(`wrote ${target}`);
