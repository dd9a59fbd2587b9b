/**
 * The en texts of the native library's causes: the same `library.*` codes and parameters as
 * `library-zh-cn.ts`.
 *
 * @module
 */
import type { libraryZhCN } from "./library-zh-cn.js";

/** Every code of {@link libraryZhCN}, in English. */
export const libraryEn: typeof libraryZhCN = {
  "library.heartbeat": (p) => `heartbeat timeout: nothing received from ${p.peer} for ${p.ms} ms`,
  "library.oneWay": (p) =>
    `no answer from ${p.peer} to the ${p.request} request for ${p.ms} ms although the server is sending: our requests are not reaching it (one-way loss)`,
  "library.peerClosed": (p) => `connection closed by peer ${p.peer}`,
  "library.socketFailed": (p) => `reading or writing the connection to ${p.peer} failed (${p.errno})`,
  "library.protocolError": (p) =>
    `${p.peer} sent data that breaks the protocol (code ${p.code}, see docs/protocol.md)`,
  "library.sessionClosed": (p) => `the server ${p.peer} closed the session after a message of type ${p.type}`,
  "library.loginFailed": (p) => `login to ${p.peer} failed (code ${p.code})`,
  "library.noMemory": () => "out of memory",
  "library.dns": (p) => `cannot resolve host '${p.host}' (the system says "${p.text}")`,
  "library.connectTimeout": (p) => `connect to ${p.peer} timed out after ${p.ms} ms`,
  "library.connectRefused": (p) => `connect to ${p.peer} refused`,
  "library.unreachable": (p) => `${p.peer} is unreachable (${p.errno})`,
  "library.connectFailed": (p) => `connect to ${p.peer} failed (${p.errno})`,
  "library.unknown": (p) => `the library says "${p.text}"`,

  "library.callFailed": (p) => `library call ${p.func} failed (${p.returnCode}): ${p.meaning}`,
  "library.callFailedSaying": (p) =>
    `library call ${p.func} failed (${p.returnCode}): ${p.meaning} (the library says "${p.text}")`,
  "library.call.INVALID_ARG": () => "invalid argument (null pointer, string too long or value out of range)",
  "library.call.STATE": () => "not allowed in this state (e.g. not logged in yet, or the handle is released)",
  "library.call.QUEUE_FULL": () => "the request queue is full; try again later",
  "library.call.SYSTEM": () => "creating a thread or socket failed",
  "library.call.UNSUPPORTED": () => "not offered by this library",
  "library.call.UNKNOWN": () => "unknown return code",
  "library.argument": (p) => `request field ${p.field} cannot be encoded (the library says "${p.text}")`,
};
