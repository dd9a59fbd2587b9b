/**
 * Step 3 of the checklist for one server: the host resolves, a TCP connection opens (refused,
 * timed out and unreachable told apart, each with the time taken), and the peer answers a
 * heartbeat with a frame of our protocol.
 *
 * @module
 */
import { lookup } from "node:dns/promises";
import { connect, isIPv4 } from "node:net";
import { performance } from "node:perf_hooks";
import { type Message, message } from "../i18n/catalogue.js";
import { HEADER_BYTES, heartbeatFrame, isServerHeader } from "./wire-header.js";

/** What {@link probeServer} found. */
export type ProbeOutcome =
  | { kind: "ok"; address: string; dnsMs: number; connectMs: number; protocolMs: number }
  | { kind: "okVendor"; address: string; dnsMs: number; connectMs: number }
  | { kind: "dnsFailed"; error: string; ms: number }
  | { kind: "refused"; ms: number }
  | { kind: "timeout"; ms: number }
  | { kind: "unreachable"; errno: string; ms: number }
  | { kind: "failed"; error: string; ms: number }
  | { kind: "silent"; waitMs: number }
  | { kind: "otherProtocol"; looksLike: Message; received: number }
  | { kind: "closedEarly"; ms: number };

/** Options of {@link probeServer}. */
export interface ProbeOptions {
  readonly host: string;
  readonly port: number;
  readonly side: "trade" | "market";
  /** Give up connecting after this long (the gateway's `connectTimeoutMs`). */
  readonly connectTimeoutMs: number;
  /** Wait this long for the first frame (servers heartbeat at least this often). */
  readonly answerTimeoutMs: number;
  /** False for the vendor shim: the broker's protocol is not ours, so only DNS and TCP are checked. */
  readonly checkProtocol: boolean;
}

const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EADDRNOTAVAIL"]);
const elapsed = (since: number) => Math.round(performance.now() - since);

/** Resolves, connects and checks the protocol of one server; never throws. */
export async function probeServer(options: ProbeOptions): Promise<ProbeOutcome> {
  const dnsStart = performance.now();
  let address: string;
  try {
    // The HFT libraries connect over IPv4 only (see settings.ts), so resolve as they do.
    address = isIPv4(options.host)
      ? options.host
      : await boundedLookup(options.host, options.connectTimeoutMs);
  } catch (err) {
    return {
      kind: "dnsFailed",
      error: (err as NodeJS.ErrnoException).code ?? String(err),
      ms: elapsed(dnsStart),
    };
  }
  const dnsMs = elapsed(dnsStart);
  return connectAndListen(options, address, dnsMs);
}

/** An IPv4 lookup that gives up after `ms` (a resolver that never answers must not hang the doctor). */
function boundedLookup(host: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error("DNS timeout"), { code: `no answer within ${ms} ms` })),
      ms,
    );
    lookup(host, { family: 4 }).then(
      (found) => {
        clearTimeout(timer);
        resolve(found.address);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function connectAndListen(options: ProbeOptions, address: string, dnsMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const start = performance.now();
    let connectMs = -1;
    let received = Buffer.alloc(0);
    const socket = connect({ host: address, port: options.port });
    let timer = setTimeout(() => finish({ kind: "timeout", ms: elapsed(start) }), options.connectTimeoutMs);
    let done = false;
    function finish(outcome: ProbeOutcome) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    }
    socket.on("connect", () => {
      connectMs = elapsed(start);
      clearTimeout(timer);
      if (!options.checkProtocol) {
        finish({ kind: "okVendor", address, dnsMs, connectMs });
        return;
      }
      const answerStart = performance.now();
      socket.write(heartbeatFrame());
      timer = setTimeout(
        () =>
          finish(received.length > 0 ? other(received) : { kind: "silent", waitMs: elapsed(answerStart) }),
        options.answerTimeoutMs,
      );
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length < HEADER_BYTES) return;
        if (isServerHeader(received.subarray(0, HEADER_BYTES), options.side)) {
          finish({ kind: "ok", address, dnsMs, connectMs, protocolMs: elapsed(answerStart) });
        } else {
          finish(other(received));
        }
      });
    });
    socket.on("close", () => {
      if (connectMs < 0) return; // the error handler decides
      finish(received.length > 0 ? other(received) : { kind: "closedEarly", ms: elapsed(start) });
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (connectMs >= 0) return; // after connecting, "close" follows and decides
      const code = err.code ?? "";
      const ms = elapsed(start);
      if (code === "ECONNREFUSED") finish({ kind: "refused", ms });
      else if (code === "ETIMEDOUT") finish({ kind: "timeout", ms });
      else if (UNREACHABLE.has(code)) finish({ kind: "unreachable", errno: code, ms });
      else finish({ kind: "failed", error: code || err.message, ms });
    });
  });
}

function other(received: Buffer): ProbeOutcome {
  return { kind: "otherProtocol", looksLike: describeBytes(received), received: received.length };
}

/** Names what a non-protocol answer looks like, quoting at most 40 printable characters. */
export function describeBytes(bytes: Buffer): Message {
  const head = bytes.subarray(0, 40);
  if (head.toString("latin1").startsWith("HTTP/")) return message("doctor.net.looksLike.http");
  // A TLS record: content type alert (0x15) or handshake (0x16), major version 3.
  if ((head[0] === 0x15 || head[0] === 0x16) && head[1] === 0x03) return message("doctor.net.looksLike.tls");
  const printable = [...head].every((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09);
  if (printable) {
    return message("doctor.net.looksLike.text", {
      text: head.toString("latin1").replace(/\s+/g, " ").trim(),
    });
  }
  return message("doctor.net.looksLike.binary", { hex: bytes.subarray(0, HEADER_BYTES).toString("hex") });
}
