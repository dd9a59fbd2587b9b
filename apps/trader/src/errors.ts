/**
 * Typed errors of the trader app, each with a code and a message a user can act on. The REST API
 * maps them to HTTP statuses; the CLI prints their message.
 *
 * @module
 */

/** Codes of {@link TraderError}. */
export type TraderErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT" | "PORT_IN_USE" | "NOT_READY";

/** Base class of the app's errors. */
export class TraderError extends Error {
  readonly code: TraderErrorCode;

  constructor(code: TraderErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A request or command with a missing or malformed field. */
export class InputError extends TraderError {
  constructor(message: string) {
    super("INVALID_INPUT", message);
  }
}

/** An order or instrument the app does not know. */
export class NotFoundError extends TraderError {
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}

/** A request that does not fit the current state (e.g. cancelling a filled order). */
export class ConflictError extends TraderError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

/** The web server's port is taken. */
export class PortInUseError extends TraderError {
  readonly port: number;
  readonly host: string;

  constructor(host: string, port: number) {
    super(
      "PORT_IN_USE",
      `port ${port} on ${host} is already in use (is another tsgate trader running?). ` +
        `Choose another port with --port <n> (or the TSGATE_PORT environment variable), e.g. --port ${port + 1}`,
    );
    this.port = port;
    this.host = host;
  }
}
