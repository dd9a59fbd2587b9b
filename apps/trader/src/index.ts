/**
 * `@tsgate/trader`: the runnable app. The `tsgate` command (bin/tsgate.js) is the usual entry;
 * this module exposes the same pieces for tests and embedding.
 *
 * @packageDocumentation
 */

export { runCli } from "./cli/main.js";
export { DEFAULT_HTTP_PORT, PORT_ENV, TOKEN_HEADER, TOKEN_QUERY, WS_PATH } from "./constants.js";
export { ConflictError, InputError, NotFoundError, PortInUseError, TraderError } from "./errors.js";
export { CONNECT_FORM_KEYS } from "./gateway-settings.js";
export type * from "./shared/protocol.js";
export { startTrader, type TraderApp, type TraderOptions } from "./trader-app.js";
export { type SimulatorOptions, TraderRuntime, type TraderRuntimeOptions } from "./trader-runtime.js";
