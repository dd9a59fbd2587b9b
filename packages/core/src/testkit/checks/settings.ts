import { EventEngine } from "../../event-engine.js";
import type { BaseGateway, GatewaySetting } from "../../gateway.js";
import { ConformanceError } from "../errors.js";
import { showValue } from "../messages.js";
import type { ResolvedConformanceOptions } from "../options.js";
import { type ConformanceSession, errorText } from "../session.js";

const CHECK = "settings";

/**
 * Checks that `connect()` rejects bad settings synchronously with a `SettingsError` (or the
 * gateway's documented error, see `isSettingsError`) whose message names the bad key, and that
 * `close()` of a gateway that never connected resolves without throwing.
 *
 * Runs on fresh gateways from the session's factory; the session's own gateway is not touched.
 *
 * @throws {@link ConformanceError} describing the first violation
 */
export async function checkSettings(session: ConformanceSession): Promise<void> {
  const { options } = session;
  const probeEngine = new EventEngine();
  const created: BaseGateway[] = [];
  const create = (): BaseGateway => {
    const gateway = options.createGateway(probeEngine);
    created.push(gateway);
    return gateway;
  };
  try {
    const unconnected = create();
    const cases = options.badSettings(options.setting, unconnected);
    if (cases.length === 0) throw new ConformanceError(CHECK, "badSettings gave no case to check");
    for (const { setting, key } of cases) checkBadSetting(options, create(), setting, key);
    try {
      await unconnected.close();
    } catch (error) {
      throw new ConformanceError(
        CHECK,
        `close() of a gateway that never connected threw ${errorText(error)}; it must resolve`,
        { cause: error },
      );
    }
  } finally {
    // Whatever a bad connect() may have started; errors here were judged above.
    await Promise.allSettled(created.map(async (gateway) => gateway.close()));
    probeEngine.stop();
  }
}

function checkBadSetting(
  options: ResolvedConformanceOptions,
  gateway: BaseGateway,
  setting: GatewaySetting,
  key: string,
): void {
  let result: unknown;
  try {
    result = gateway.connect(setting);
  } catch (error) {
    if (!options.isSettingsError(error)) {
      throw new ConformanceError(
        CHECK,
        `connect() with a bad "${key}" threw ${errorText(error)}, which is not a SettingsError (code "SETTINGS_INVALID"); use validateSettings(), or pass isSettingsError for a documented error type`,
        { cause: error },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    if (!message.includes(key)) {
      throw new ConformanceError(
        CHECK,
        `the error for a bad "${key}" does not name the key: ${JSON.stringify(message)}`,
        { cause: error },
      );
    }
    return;
  }
  const asynchronously = typeof (result as { then?: unknown } | undefined)?.then === "function";
  // A rejected promise is judged here, not reported as unhandled.
  if (asynchronously) (result as Promise<unknown>).catch(() => {});
  throw new ConformanceError(
    CHECK,
    `connect() accepted a bad value for "${key}" without throwing${asynchronously ? " (it returned a promise; it must throw synchronously)" : ""}; setting: ${showValue(setting)}. Validate settings with validateSettings(defaultSetting, setting, rules) so users get a SettingsError naming the key.`,
  );
}
