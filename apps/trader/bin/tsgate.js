#!/usr/bin/env node
// Thin shim: the CLI lives in the built app (dist/cli/main.js, from src/cli/main.ts).
import { runCli } from "../dist/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
// Everything is closed by now; should a stray handle still hold the event loop, do not hang.
setTimeout(() => process.exit(), 2000).unref();
