/**
 * Opening NATS connections with credentials that never reach logs or error messages.
 *
 * @module
 */
import { type ConnectionOptions, connect, type NatsConnection } from "nats";
import { DEFAULT_RECONNECT_WAIT_MS } from "./constants.js";
import { BridgeError, redact } from "./errors.js";

/** NATS credentials: user and password, or a token. */
export type NatsCredentials =
  | { readonly user: string; readonly pass: string; readonly token?: undefined }
  | { readonly token: string; readonly user?: undefined; readonly pass?: undefined };

/** The secret strings of `credentials`, for {@link redact}. */
export function secretsOf(credentials: NatsCredentials | undefined, options?: ConnectionOptions): string[] {
  return [credentials?.pass, credentials?.token, options?.pass, options?.token].filter(
    (s): s is string => typeof s === "string" && s.length > 0,
  );
}

/** True when `value` is an open-able NATS connection rather than connection options. */
export function isNatsConnection(value: unknown): value is NatsConnection {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as NatsConnection).publish === "function" &&
    typeof (value as NatsConnection).jetstream === "function"
  );
}

/**
 * Connects with reconnects forever (a bridge outlives NATS restarts) unless `options` say
 * otherwise. A failure becomes a {@link BridgeError} `NATS_UNAVAILABLE` (or `PERMISSION_DENIED`
 * for an authorization failure) naming the servers but never the secrets.
 */
export async function openConnection(
  options: ConnectionOptions,
  credentials: NatsCredentials | undefined,
  name: string,
): Promise<NatsConnection> {
  const secrets = secretsOf(credentials, options);
  try {
    return await connect({
      name,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: DEFAULT_RECONNECT_WAIT_MS,
      ...options,
      ...(credentials?.token !== undefined ? { token: credentials.token } : {}),
      ...(credentials?.user !== undefined ? { user: credentials.user, pass: credentials.pass } : {}),
    });
  } catch (error) {
    const servers = Array.isArray(options.servers)
      ? options.servers.join(", ")
      : String(options.servers ?? "default");
    const reason = redact(error instanceof Error ? error.message : String(error), secrets);
    const code = /authorization/i.test(reason) ? "PERMISSION_DENIED" : "NATS_UNAVAILABLE";
    const hint =
      code === "PERMISSION_DENIED"
        ? "check the NATS user/password or token"
        : "check that nats-server runs and the address is right";
    throw new BridgeError(code, `cannot connect to NATS at ${servers}: ${reason} (${hint})`);
  }
}
