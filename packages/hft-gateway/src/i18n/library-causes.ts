/**
 * The native library's English texts (disconnect causes, call errors) as catalogue messages, so a
 * zh line never carries them. The simulation library writes each cause with a fixed opening
 * (`native/sim/conn_reader.c`, `conn_liveness.c`, `conn_socket.c`, `trader.c`, `md.c`); each
 * pattern below names one and takes its values (peer, milliseconds, errno name, protocol code).
 * A text no pattern knows (the vendor shim's, a newer library's) is quoted as the library's own,
 * like a server's unknown reason. The library's trailing "; reconnecting" is dropped: the
 * gateway's line says that itself, from `willReconnect`.
 *
 * @module
 */
import { HftArgumentError, HftCallError, type HftCallErrorCode } from "@tsgate/hft-native";
import { errorText } from "../gateway-sink.js";
import { type Message, type MessageCode, message, renderMessage, text } from "./catalogue.js";
import type { Language } from "./language.js";

/** The library's own "; retrying" / "; reconnecting" / "; giving up" / "; not reconnecting" tail. */
const RETRY_TAIL = /; (retrying|reconnecting|giving up|not reconnecting)$/;

type Rule = readonly [RegExp, (m: RegExpMatchArray) => Message];

const RULES: readonly Rule[] = [
  [
    /^heartbeat timeout: nothing received from (\S+) for (\d+) ms/,
    (m) => message("library.heartbeat", { peer: m[1] ?? "", ms: Number(m[2]) }),
  ],
  [
    /^no answer from (\S+) to the (\S+) request for (\d+) ms/,
    (m) => message("library.oneWay", { peer: m[1] ?? "", request: m[2] ?? "", ms: Number(m[3]) }),
  ],
  [/^connection closed by peer (\S+)/, (m) => message("library.peerClosed", { peer: m[1] ?? "" })],
  [
    /^(?:read from|write to) (\S+) failed: .*\((E[A-Z0-9]+)\)$/,
    (m) => message("library.socketFailed", { peer: m[1] ?? "", errno: m[2] ?? "" }),
  ],
  [
    /^poll on the \w+ connection to (\S+) failed: .*\((E[A-Z0-9]+)\)$/,
    (m) => message("library.socketFailed", { peer: m[1] ?? "", errno: m[2] ?? "" }),
  ],
  [
    /^protocol error from (\S+): .*\(code (\d+)\)$/,
    (m) => message("library.protocolError", { peer: m[1] ?? "", code: Number(m[2]) }),
  ],
  [
    /^the \w+ session closed the connection to (\S+) after a message of type (0x[0-9a-f]{4})/,
    (m) => message("library.sessionClosed", { peer: m[1] ?? "", type: m[2] ?? "" }),
  ],
  [
    /^(?:trade|market-data) login to (\S+) (?:refused|failed): .*\(code (\d+)\)$/,
    (m) => message("library.loginFailed", { peer: m[1] ?? "", code: Number(m[2]) }),
  ],
  [/^out of memory/, () => message("library.noMemory")],
  [
    /^cannot resolve host '([^']*)': (.*)$/,
    (m) => message("library.dns", { host: m[1] ?? "", text: m[2] ?? "" }),
  ],
  [
    /^connect to (\S+) timed out after (\d+) ms/,
    (m) => message("library.connectTimeout", { peer: m[1] ?? "", ms: Number(m[2]) }),
  ],
  [/^connect to (\S+) refused/, (m) => message("library.connectRefused", { peer: m[1] ?? "" })],
  [
    /^(\S+) is unreachable \((E[A-Z0-9]+)\)$/,
    (m) => message("library.unreachable", { peer: m[1] ?? "", errno: m[2] ?? "" }),
  ],
  [
    /^connect to (\S+) failed: .*\((E[A-Z0-9]+)\)$/,
    (m) => message("library.connectFailed", { peer: m[1] ?? "", errno: m[2] ?? "" }),
  ],
];

/** A disconnect or connect-failure text of the library, in `language`. */
export function libraryCause(language: Language, libraryText: string): string {
  const bare = libraryText.replace(RETRY_TAIL, "");
  for (const [pattern, build] of RULES) {
    const match = bare.match(pattern);
    if (match !== null) return renderMessage(language, build(match));
  }
  return text(language, "library.unknown", { text: bare });
}

/** What each `HFT_E_*` return code of a failed call means (`native/include/hft_api.h`). */
const CALL_MEANING: Readonly<Record<HftCallErrorCode, MessageCode>> = {
  INVALID_ARG: "library.call.INVALID_ARG",
  STATE: "library.call.STATE",
  QUEUE_FULL: "library.call.QUEUE_FULL",
  NOMEM: "library.noMemory",
  SYSTEM: "library.call.SYSTEM",
  UNSUPPORTED: "library.call.UNSUPPORTED",
  UNKNOWN: "library.call.UNKNOWN",
};

/** The library's own text in an `HftCallError` message (`<func> failed (<rc>): <text>`), or "". */
function callDetail(error: HftCallError): string {
  const opening = `${error.func} failed (${error.returnCode}): `;
  return error.message.startsWith(opening) ? error.message.slice(opening.length) : "";
}

/**
 * An error thrown by a library call, in `language`: a failed ABI call by its return code, a
 * request field the library cannot encode by its name (the library's text quoted); anything else
 * (not the library's) as its own text.
 */
export function libraryErrorText(language: Language, error: unknown): string {
  if (error instanceof HftCallError) {
    const meaning = text(language, CALL_MEANING[error.code] as MessageCode & `library.${string}`);
    const said = callDetail(error);
    const call = { func: error.func, returnCode: error.returnCode, meaning };
    // The library's hft_last_error() names the field or the rule (no code of its own): quoted as data.
    return said === ""
      ? text(language, "library.callFailed", call)
      : text(language, "library.callFailedSaying", { ...call, text: said });
  }
  if (error instanceof HftArgumentError) {
    const detail = error.message.startsWith(`${error.field}: `)
      ? error.message.slice(error.field.length + 2)
      : error.message;
    return text(language, "library.argument", { field: error.field, text: detail });
  }
  return errorText(error);
}
