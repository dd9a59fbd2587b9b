import { CONFORMANCE_CHECKS, type ConformanceCheck } from "./checks/registry.js";
import { WaitTimeoutError } from "./errors.js";
import type { ConformanceCheckName, ConformanceOptions } from "./options.js";
import { type ConformanceSession, createConformanceSession, errorText } from "./session.js";

/** Outcome of one check in a {@link ConformanceReport}. */
export interface ConformanceCheckResult {
  /** The check's name. */
  readonly name: ConformanceCheckName;
  /** What it verifies. */
  readonly title: string;
  /** Whether it passed, failed or was skipped. */
  readonly status: "passed" | "failed" | "skipped";
  /** Why it was skipped (from `skip`), or why it failed (the error's message). */
  readonly reason?: string;
  /** The error it failed with. */
  readonly error?: unknown;
}

/** Outcome of {@link runConformanceChecks}. */
export interface ConformanceReport {
  /** The suite name from the options. */
  readonly name: string;
  /** True when no check failed. */
  readonly passed: boolean;
  /** One result per check, in run order. */
  readonly results: readonly ConformanceCheckResult[];
  /** The failed results. */
  readonly failures: readonly ConformanceCheckResult[];
  /** A readable multi-line summary, one line per check. */
  readonly summary: string;
}

/** Options of {@link runConformanceChecks}. */
export interface RunConformanceChecksOptions {
  /** Run only these checks (the others are reported as skipped). Default: all. */
  readonly only?: readonly ConformanceCheckName[];
}

/**
 * Runs the conformance checks without a test framework and reports each outcome; a failed check
 * does not stop the following ones. Starts and stops the harness and disposes the session.
 *
 * Use it from another test runner (jest, node:test, mocha) or a script;
 * under vitest, {@link runGatewayConformance} registers the same checks as tests.
 *
 * @throws whatever `harness.start()` throws (no check can run without the harness)
 *
 * @example
 * ```ts
 * const report = await runConformanceChecks({ name: "MY", gatewayClass: MyGateway, setting, harness });
 * if (!report.passed) throw new Error(report.summary);
 * ```
 */
export async function runConformanceChecks(
  options: ConformanceOptions,
  runOptions: RunConformanceChecksOptions = {},
): Promise<ConformanceReport> {
  await options.harness.start?.();
  const results: ConformanceCheckResult[] = [];
  let session: ConformanceSession | undefined;
  try {
    session = createConformanceSession(options);
    for (const check of CONFORMANCE_CHECKS) {
      const skip = session.options.skip[check.name];
      if (skip !== undefined || (runOptions.only !== undefined && !runOptions.only.includes(check.name))) {
        const reason = skip === undefined ? "not selected" : skipReason(skip);
        results.push({ name: check.name, title: check.title, status: "skipped", reason });
        continue;
      }
      try {
        await runCheck(check, session);
        results.push({ name: check.name, title: check.title, status: "passed" });
      } catch (error) {
        results.push({
          name: check.name,
          title: check.title,
          status: "failed",
          reason: errorText(error),
          error,
        });
      }
    }
  } finally {
    await session?.dispose();
    await options.harness.stop?.();
  }
  const failures = results.filter((result) => result.status === "failed");
  const lines = results.map(
    (r) => `${r.status.padEnd(7)} ${r.name}${r.reason === undefined ? "" : `: ${r.reason}`}`,
  );
  return {
    name: options.name,
    passed: failures.length === 0,
    results,
    failures,
    summary: `gateway conformance: ${options.name}\n${lines.join("\n")}`,
  };
}

/**
 * Runs one check on a session with an overall deadline (its `timeout`), so a hanging harness
 * function or gateway call cannot hang the run.
 */
export async function runCheck(check: ConformanceCheck, session: ConformanceSession): Promise<void> {
  const timeoutMs = check.timeout(session.options.timeouts);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WaitTimeoutError(`the "${check.name}" check to finish`, timeoutMs, "")),
      timeoutMs,
    );
  });
  try {
    await Promise.race([check.run(session), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The text shown for a `skip` entry. */
export function skipReason(skip: string | true): string {
  return skip === true ? "skipped" : skip;
}
