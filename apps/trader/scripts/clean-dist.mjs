// Empties dist/ before a build (tsup's own `clean` would race between the app and web bundles).
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
