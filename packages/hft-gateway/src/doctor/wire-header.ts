/**
 * The frame header of the tsgate wire protocol, as far as the doctor needs it to tell our servers
 * from anything else listening on a port (docs/protocol.md §1 "Frames" and §3 "HEARTBEAT").
 *
 * The mock server owns the codec; the gateway does not depend on it at run time, so these few
 * facts are restated here and `test/doctor-wire-header.test.ts` holds them equal to the codec's.
 *
 * @module
 */

/** `u32 length | u16 type | u16 version | u32 seq`. */
export const HEADER_BYTES = 12;
/** The protocol version this gateway speaks. */
export const WIRE_PROTOCOL_VERSION = 1;
/** The smallest `length` (a header without payload counts 8 bytes after the length field). */
export const MIN_FRAME_LENGTH = 8;
/** The largest `length` a receiver accepts (1 MiB). */
export const MAX_FRAME_LENGTH = 1_048_576;
/** `HEARTBEAT`: empty payload, both directions, allowed before login. */
export const HEARTBEAT_TYPE = 0x0001;

/** Message types each server may send: common ones and its own range. */
const TYPE_RANGES = {
  trade: [0x0001, 0x01ff],
  market: [0x0001, 0x02ff],
} as const;

/** A heartbeat frame with `seq` 1: the first frame a client sends. */
export function heartbeatFrame(): Buffer {
  const frame = Buffer.alloc(HEADER_BYTES);
  frame.writeUInt32LE(MIN_FRAME_LENGTH, 0);
  frame.writeUInt16LE(HEARTBEAT_TYPE, 4);
  frame.writeUInt16LE(WIRE_PROTOCOL_VERSION, 6);
  frame.writeUInt32LE(1, 8);
  return frame;
}

/** True when `header` (12 bytes) is a plausible frame header from that side's server. */
export function isServerHeader(header: Buffer, side: "trade" | "market"): boolean {
  if (header.length < HEADER_BYTES) return false;
  const length = header.readUInt32LE(0);
  const type = header.readUInt16LE(4);
  const version = header.readUInt16LE(6);
  const [low, high] = TYPE_RANGES[side];
  // The market server's own range starts at 0x0200; trade types (0x01xx) are not its.
  const ownType = side === "market" ? type <= 0x00ff || type >= 0x0200 : true;
  return (
    length >= MIN_FRAME_LENGTH &&
    length <= MAX_FRAME_LENGTH &&
    version === WIRE_PROTOCOL_VERSION &&
    type >= low &&
    type <= high &&
    ownType
  );
}
