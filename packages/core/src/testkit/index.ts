/**
 * `@tsgate/core/testkit`: the gateway conformance kit. It checks that a `BaseGateway` keeps the
 * contract the rest of tsgate relies on: the connect flow, market data, order submission, fills,
 * cancels, immutable pushes, and a clean `close()`.
 *
 * - {@link runGatewayConformance}: registers the checks as a vitest suite (call it at the top
 *   level of a test file). vitest (≥ 3) is an optional peer dependency, needed only for this.
 * - {@link runConformanceChecks}: runs them without a test framework and returns a report.
 * - The checks one by one ({@link checkConnect}, {@link checkImmutability}, ...), each an async
 *   function of a {@link ConformanceSession} that throws a {@link ConformanceError} saying what
 *   is wrong and how to fix it.
 * - Helpers for any gateway test: {@link collectEvents}, {@link waitForEvent}.
 *
 * @example
 * ```ts
 * import { runGatewayConformance } from "@tsgate/core/testkit";
 *
 * runGatewayConformance({ name: "MY", gatewayClass: MyGateway, setting, harness });
 * ```
 *
 * @packageDocumentation
 */

export { checkCancel, checkCancelFinished } from "./checks/cancel.js";
export { checkClose } from "./checks/close.js";
export { checkConnect } from "./checks/connect.js";
export { checkFill } from "./checks/fill.js";
export { checkImmutability, immutabilityProblems } from "./checks/immutability.js";
export { checkReady } from "./checks/ready.js";
export { CONFORMANCE_CHECKS, type ConformanceCheck } from "./checks/registry.js";
export { checkSendOrder } from "./checks/send-order.js";
export { checkSettings } from "./checks/settings.js";
export { checkTicks, tickProblems } from "./checks/ticks.js";
export {
  collectEvents,
  DEFAULT_WAIT_TIMEOUT_MS,
  type EventCollector,
  waitForEvent,
} from "./collect-events.js";
export { ConformanceError, type TestkitErrorCode, WaitTimeoutError } from "./errors.js";
export {
  type BadSetting,
  CONFORMANCE_CHECK_NAMES,
  type ConformanceCheckName,
  type ConformanceHarness,
  type ConformanceOptions,
  type ConformanceTimeouts,
  DEFAULT_CONFORMANCE_TIMEOUTS,
  type GatewaySource,
  type ResolvedConformanceOptions,
  resolveConformanceOptions,
  UNKNOWN_SETTING_KEY,
} from "./options.js";
export { EventRecorder, type RecordedEvent } from "./recorder.js";
export { type LeakedResource, ResourceTracker } from "./resource-tracker.js";
export {
  countActiveResources,
  type ExtraResource,
  extraResources,
  type ResourceCounts,
} from "./resources.js";
export {
  type ConformanceCheckResult,
  type ConformanceReport,
  type RunConformanceChecksOptions,
  runConformanceChecks,
} from "./run-checks.js";
export { ConformanceSession, createConformanceSession } from "./session.js";
export { runGatewayConformance } from "./vitest-suite.js";
