/**
 * Constants of the trader app in one place: ports, names, limits and timeouts.
 *
 * @module
 */

/** Default port of the dashboard's web server. */
export const DEFAULT_HTTP_PORT = 8700;
/** Environment variable that sets the web server port when `--port` is not given. */
export const PORT_ENV = "TSGATE_PORT";
/** Default interface of the web server: loopback only. */
export const DEFAULT_HTTP_HOST = "127.0.0.1";
/** Host names that mean "this machine only"; any other `--host` prints a warning. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Random bytes in an access token (192 bits, printed as base64url). */
export const TOKEN_BYTES = 24;
/** Request header that carries the access token. */
export const TOKEN_HEADER = "x-tsgate-token";
/** Query parameter that carries the access token (the printed URL, the WebSocket URL). */
export const TOKEN_QUERY = "token";

/** Path of the dashboard's WebSocket. */
export const WS_PATH = "/ws";
/** A client whose unsent data exceeds this many bytes skips ticks until it catches up. */
export const WS_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Interval of WebSocket pings that detect dead dashboard connections. */
export const WS_PING_INTERVAL_MS = 30_000;
/** How long a refused WebSocket upgrade may stay open after the answer before it is cut. */
export const REFUSED_UPGRADE_LINGER_MS = 2000;
/** Largest accepted REST request body. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Name under which the trader adds its HftGateway. */
export const GATEWAY_NAME = "HFT";
/** Price points kept per instrument for the dashboard's chart (10 minutes at 2 ticks/s). */
export const PRICE_HISTORY_POINTS = 1200;
/** Log messages sent to a dashboard that connects. */
export const SNAPSHOT_LOGS = 300;

/** Longest time a clean shutdown may take before the process gives up and exits. */
export const SHUTDOWN_TIMEOUT_MS = 15_000;
/** Environment variable that gives `tsgate halt` the access token (safer than a flag: argv is public). */
export const TOKEN_ENV = "TSGATE_TOKEN";
/** How long `tsgate status` and `tsgate halt` wait for the trader to answer. */
export const STATUS_TIMEOUT_MS = 3000;
/** Interval of the price summary line in the terminal mode. */
export const TERMINAL_TICKER_INTERVAL_MS = 10_000;

/** Placeholder shown instead of a password that is set. */
export const MASKED_SECRET = "********";

/** Longest gap between two pushes of the strategies' variables and P&L while ticks arrive. */
export const STRATEGY_PUSH_INTERVAL_MS = 250;
