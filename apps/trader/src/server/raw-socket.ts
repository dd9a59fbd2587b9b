/**
 * Answers on raw sockets: an HTTP `upgrade` hands our code a bare socket with no error handler
 * (Node removes its own before emitting `upgrade`), so a peer's reset would be an unhandled
 * `'error'` event that ends the process. Every upgrade socket is guarded here first, and refusals
 * are written here.
 *
 * @module
 */
import type { Duplex } from "node:stream";
import { REFUSED_UPGRADE_LINGER_MS } from "../constants.js";

const STATUS_TEXT = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" } as const;

/** Statuses an upgrade can be refused with. */
export type RefusalStatus = keyof typeof STATUS_TEXT;

/**
 * Makes a socket's errors harmless: a reset or broken pipe destroys the socket and nothing else.
 * Call it before anything is written to a socket handed over by an `upgrade` event.
 */
export function guardSocket(socket: Duplex): void {
  // A peer that resets is routine (scanners, closed tabs): nothing to log, nothing to keep.
  socket.on("error", () => socket.destroy());
}

/**
 * Refuses an upgrade with a plain HTTP answer (a browser sees a failed WebSocket) and closes the
 * socket. A client that never closes its side is cut after {@link REFUSED_UPGRADE_LINGER_MS}, so
 * refused sockets cannot pile up or hold the server's shutdown.
 */
export function refuseUpgrade(socket: Duplex, status: RefusalStatus, reason = ""): void {
  guardSocket(socket);
  const linger = setTimeout(() => socket.destroy(), REFUSED_UPGRADE_LINGER_MS);
  linger.unref();
  socket.once("close", () => clearTimeout(linger));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}
