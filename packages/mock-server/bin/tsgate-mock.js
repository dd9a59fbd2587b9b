#!/usr/bin/env node
// Thin shim: the CLI lives in the built package (dist/cli.js, from src/cli.ts).
import { runCli } from "../dist/cli.js";

process.exitCode = await runCli(process.argv.slice(2));
