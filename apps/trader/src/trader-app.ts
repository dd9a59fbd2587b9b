/**
 * The whole trader: the web server (first, so a busy port fails before anything else starts), then
 * the trading runtime, joined together; one `close()` for all of it.
 *
 * @module
 */
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, TOKEN_QUERY } from "./constants.js";
import { createToken } from "./server/auth.js";
import { WebServer } from "./server/http-server.js";
import { traderLanguage } from "./trader-language.js";
import { TraderRuntime, type TraderRuntimeOptions } from "./trader-runtime.js";

/** Options of {@link startTrader}. */
export interface TraderOptions extends TraderRuntimeOptions {
  /** Interface of the web server; default 127.0.0.1. */
  readonly host?: string;
  /** Port of the web server; default 8700, 0 = any free port. */
  readonly port?: number;
  /** Access token; default a new random one. */
  readonly token?: string;
  /** Receives unexpected server errors; default `console.error`. */
  readonly onError?: (err: unknown) => void;
}

/** A running trader. */
export interface TraderApp {
  /** The dashboard URL including the access token. Print it once; never log it again. */
  readonly url: string;
  /** The dashboard URL without the token. */
  readonly baseUrl: string;
  readonly token: string;
  readonly port: number;
  readonly host: string;
  readonly runtime: TraderRuntime;
  /** Stops the web server, the gateway, the engine and the simulator. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the web server and the trading runtime.
 *
 * @throws `PortInUseError` when the web server's port is taken (nothing else has started then),
 *   or the runtime's startup errors (the web server is closed again)
 */
export async function startTrader(options: TraderOptions = {}): Promise<TraderApp> {
  const token = options.token ?? createToken();
  const host = options.host ?? DEFAULT_HTTP_HOST;
  const server = await WebServer.listen({
    language: traderLanguage(options.language ?? options.setting?.language),
    host,
    port: options.port ?? DEFAULT_HTTP_PORT,
    token,
    onError: options.onError ?? ((err) => console.error("[tsgate] web server error:", err)),
  });
  let runtime: TraderRuntime;
  try {
    runtime = await TraderRuntime.start(options);
  } catch (err) {
    await server.close();
    throw err;
  }
  server.attach(runtime);
  let closing: Promise<void> | undefined;
  return {
    url: `${server.baseUrl}/?${TOKEN_QUERY}=${encodeURIComponent(token)}`,
    baseUrl: server.baseUrl,
    token,
    port: server.port,
    host,
    runtime,
    close() {
      closing ??= (async () => {
        await server.close();
        await runtime.close();
      })();
      return closing;
    },
  };
}
