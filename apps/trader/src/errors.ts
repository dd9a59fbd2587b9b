/**
 * Typed errors of the trader app, each with a code and a message a user can act on. The REST API
 * maps them to HTTP statuses; the CLI prints their message. An error made from a label carries it,
 * so the API can answer in the asker's language ({@link TraderError.messageIn}); its `message` is
 * the English text, for logs.
 *
 * @module
 */
import { PORT_ENV } from "./constants.js";
import { type LabelLanguage, type LabelText, labelText } from "./shared/labels/labels.js";

export type { LabelText } from "./shared/labels/labels.js";

/** Codes of {@link TraderError}. */
export type TraderErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT" | "PORT_IN_USE" | "NOT_READY";

/** Base class of the app's errors. */
export class TraderError extends Error {
  readonly code: TraderErrorCode;
  /** The catalogue text the message came from, when it came from one. */
  readonly text: LabelText | undefined;

  constructor(code: TraderErrorCode, message: string | LabelText) {
    super(typeof message === "string" ? message : labelText("en", message));
    this.name = new.target.name;
    this.code = code;
    this.text = typeof message === "string" ? undefined : message;
  }

  /** The message in `language` (a message not from the catalogues stays as written). */
  messageIn(language: LabelLanguage): string {
    return this.text === undefined ? this.message : labelText(language, this.text);
  }
}

/** A request or command with a missing or malformed field. */
export class InputError extends TraderError {
  constructor(message: string | LabelText) {
    super("INVALID_INPUT", message);
  }
}

/** An order or instrument the app does not know. */
export class NotFoundError extends TraderError {
  constructor(message: string | LabelText) {
    super("NOT_FOUND", message);
  }
}

/** A request that does not fit the current state (e.g. cancelling a filled order). */
export class ConflictError extends TraderError {
  constructor(message: string | LabelText) {
    super("CONFLICT", message);
  }
}

/** The web server's port is taken. */
export class PortInUseError extends TraderError {
  readonly port: number;
  readonly host: string;

  constructor(host: string, port: number) {
    super("PORT_IN_USE", { label: "cli.portInUse", params: { port, host, env: PORT_ENV, next: port + 1 } });
    this.port = port;
    this.host = host;
  }
}

/**
 * An error's reason as a catalogue text: a {@link TraderError}'s own, else the error's message
 * (not the trader's words) as data: as it is in English, quoted in Chinese (`原文 "…"`).
 */
export function reasonOf(err: unknown): LabelText {
  if (err instanceof TraderError && err.text !== undefined) return err.text;
  const message = err instanceof Error ? err.message : String(err);
  return { label: "error.quoted", params: { detail: message } };
}
