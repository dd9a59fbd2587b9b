/**
 * Subject names and escaping.
 *
 * Events: `<prefix>.<gateway>.<eventName>[.<id>]`, e.g. `tsgate.HFT.eTick.600000.SSE` or
 * `tsgate.HFT.eOrder.HFT.17`; the dots inside a vtSymbol or vtOrderid stay subject separators,
 * so `tsgate.HFT.eTick.>` matches every tick. Requests: `<prefix>.<gateway>.req.<operation>`.
 *
 * Escaping: NATS subject tokens may not be empty nor contain whitespace, and `*` / `>` are
 * wildcards. Every byte outside `[A-Za-z0-9_-]` (and `.` where dots are kept) is written as `%XX`
 * (UTF-8, upper-case hex), `%` included, so escaping is reversible and subjects are plain ASCII.
 * An empty token is written as a lone `%`.
 *
 * @module
 */
import { EVENT_ACCOUNT, EVENT_ORDER, EVENT_POSITION, EVENT_TRADE } from "@tsgate/core";
import { BridgeError } from "./errors.js";

const SAFE = /^[A-Za-z0-9_-]$/;
const EMPTY_TOKEN = "%";

function escapeChars(text: string, keepDots: boolean): string {
  let out = "";
  for (const ch of text) {
    if (SAFE.test(ch) || (keepDots && ch === ".")) out += ch;
    else
      for (const byte of Buffer.from(ch, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Escapes `text` into exactly one subject token (dots are escaped too). */
export function escapeToken(text: string): string {
  return text === "" ? EMPTY_TOKEN : escapeChars(text, false);
}

/**
 * Escapes an id that may contain dots (a vtSymbol, a vtOrderid) into one or more subject
 * tokens: dots stay separators, each dot-separated part is escaped like a token.
 */
export function escapeId(text: string): string {
  return text.split(".").map(escapeToken).join(".");
}

/** Reverses {@link escapeToken} / {@link escapeId}. */
export function unescapeId(subjectPart: string): string {
  return subjectPart
    .split(".")
    .map((token) => (token === EMPTY_TOKEN ? "" : decodeURIComponent(token)))
    .join(".");
}

/** The event types that go to the durable stream, without their trailing dot. */
export const DURABLE_EVENT_NAMES = [EVENT_ORDER, EVENT_TRADE, EVENT_POSITION, EVENT_ACCOUNT].map((t) =>
  t.slice(0, -1),
);

/** Request operations served by {@link NatsBridgeServer}. */
export type RequestOperation = "subscribe" | "sendOrder" | "cancelOrder" | "query" | "status" | "snapshot";

/** Every subject (and the stream name) of one gateway under one prefix. */
export class Subjects {
  /** `<prefix>.<gateway>`. */
  readonly root: string;
  /** JetStream stream name: `TSGATE_<gateway>` (characters a stream name cannot hold are escaped). */
  readonly streamName: string;

  /**
   * @param prefix - first subject token(s), e.g. `"tsgate"`; no wildcards or empty tokens
   * @param gatewayName - the gateway's name; escaped into one token
   * @throws {@link BridgeError} `BAD_OPTIONS` for an invalid prefix or an empty gateway name
   */
  constructor(prefix: string, gatewayName: string) {
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(prefix)) {
      throw new BridgeError(
        "BAD_OPTIONS",
        `subjectPrefix "${prefix}" is not a valid subject prefix: use letters, digits, "_" and "-" in dot-separated tokens`,
      );
    }
    if (gatewayName === "") throw new BridgeError("BAD_OPTIONS", "gatewayName must not be empty");
    const gateway = escapeToken(gatewayName);
    this.root = `${prefix}.${gateway}`;
    this.streamName = `${prefix.replaceAll(".", "_").toUpperCase()}_${gateway.replaceAll("%", "_")}`;
  }

  /** Subject of an event: `event("eTick", "600000.SSE")` → `tsgate.HFT.eTick.600000.SSE`. */
  event(eventName: string, id?: string): string {
    return id === undefined ? `${this.root}.${eventName}` : `${this.root}.${eventName}.${escapeId(id)}`;
  }

  /** Wildcard matching every event of a kind: `tsgate.HFT.eTick.>`. */
  eventWildcard(eventName: string): string {
    return `${this.root}.${eventName}.>`;
  }

  /** Subjects captured by the durable stream (orders, trades, positions, accounts). */
  durableSubjects(): string[] {
    return DURABLE_EVENT_NAMES.map((name) => this.eventWildcard(name));
  }

  /** Subject of a request operation: `tsgate.HFT.req.sendOrder`. */
  request(operation: RequestOperation): string {
    return `${this.root}.req.${operation}`;
  }

  /** Wildcard the server listens on: `tsgate.HFT.req.*`. */
  requestWildcard(): string {
    return `${this.root}.req.*`;
  }

  /**
   * Subject on which a server announces itself when it attaches (`tsgate.HFT.bridge.online`),
   * so connected clients re-send their subscriptions to a restarted host.
   */
  online(): string {
    return `${this.root}.bridge.online`;
  }

  /** Durable consumer name of a client id (consumer names cannot hold `.`, `*`, `>` or spaces). */
  consumerName(clientId: string): string {
    return `client_${escapeToken(clientId).replaceAll("%", "_")}`;
  }
}
