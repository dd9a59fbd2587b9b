// The only module of the kit that imports vitest. In the CommonJS build, tsup aliases "vitest" to
// ./vitest-globals.ts (vitest cannot be require()d), which uses the test globals instead.
import { afterAll, beforeAll, describe, it } from "vitest";
import { CONFORMANCE_CHECKS } from "./checks/registry.js";
import { type ConformanceOptions, DEFAULT_CONFORMANCE_TIMEOUTS } from "./options.js";
import { skipReason } from "./run-checks.js";
import { type ConformanceSession, createConformanceSession } from "./session.js";

/**
 * Registers the gateway conformance suite with vitest: call it at the top level of a test file.
 *
 * It adds `describe("gateway conformance: <name>")` with one sequential test per check (named
 * `<check>: <what it verifies>`, so `vitest -t immutability` runs one), a `beforeAll` that starts
 * the harness and creates the gateway, and an `afterAll` that closes the gateway and stops the
 * harness. Checks listed in `skip` show as skipped with their reason. The gateway connects once,
 * lazily, and is shared by the checks; `close` runs last.
 *
 * @example
 * ```ts
 * // test/conformance.test.ts
 * import { runGatewayConformance } from "@tsgate/core/testkit";
 * import { MyGateway } from "../src/index.js";
 *
 * runGatewayConformance({
 *   name: "MY",
 *   gatewayClass: MyGateway,
 *   setting: () => ({ 用户名: "demo", 密码: "demo", 端口: server.port }),
 *   harness: {
 *     symbol: "600000.SSE",
 *     start: async () => { server = await startMyMockServer(); },
 *     stop: () => server.close(),
 *     restingOrder: (contract, tick) => buyAt(contract, tick.limitDown),
 *     fillingOrder: (contract, tick) => buyAt(contract, tick.askPrice1),
 *   },
 *   skip: { fill: "the sandbox never fills" },
 * });
 * ```
 */
export function runGatewayConformance(options: ConformanceOptions): void {
  const timeouts = { ...DEFAULT_CONFORMANCE_TIMEOUTS, ...options.timeouts };
  describe.sequential(`gateway conformance: ${options.name}`, () => {
    let session: ConformanceSession | undefined;

    beforeAll(async () => {
      await options.harness.start?.();
      session = createConformanceSession(options);
    }, timeouts.harness);

    afterAll(async () => {
      try {
        await session?.dispose();
      } finally {
        await options.harness.stop?.();
      }
    }, timeouts.harness + timeouts.close);

    for (const check of CONFORMANCE_CHECKS) {
      const title = `${check.name}: ${check.title}`;
      const skip = options.skip?.[check.name];
      if (skip !== undefined) {
        it.skip(`${title} (${skipReason(skip)})`, () => {});
        continue;
      }
      it(
        title,
        async () => {
          if (session === undefined)
            throw new Error("no conformance session: beforeAll failed (see its error)");
          await check.run(session);
        },
        check.timeout(timeouts),
      );
    }
  });
}
