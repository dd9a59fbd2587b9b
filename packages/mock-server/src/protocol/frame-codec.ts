/**
 * Encoder and decoder of single frames (`docs/protocol.md` sections 1–5). Interprets the layout
 * tables of `layouts.ts` with reads and writes at fixed offsets: no per-field allocation besides
 * the decoded strings and the result object.
 */
import {
  HEADER_SIZE,
  LENGTH_FIELD_SIZE,
  MAX_FRAME_LENGTH,
  MAX_SUBSCRIBE_CODES,
  MIN_FRAME_LENGTH,
  PayloadSize,
  PROTOCOL_VERSION,
  TextSize,
} from "./constants.js";
import { EncodeError, malformed, ProtocolError } from "./errors.js";
import { type CompiledLayout, compileLayout, readText, writeText } from "./layout-compiler.js";
import {
  FIXED_LAYOUTS,
  type Layout,
  MD_SUBSCRIBE_REQ_HEADER,
  QUERY_RSP_HEADER,
  RECORD_LAYOUTS,
} from "./layouts.js";
import {
  ErrorCode,
  type Frame,
  type MdSubscribeReq,
  type MessageBodyMap,
  MessageType,
  type MessageTypeName,
  type QueryRsp,
} from "./messages.js";

const COMPILED = new Map<Layout, CompiledLayout>();
function compiled(layout: Layout): CompiledLayout {
  let c = COMPILED.get(layout);
  if (c === undefined) {
    c = compileLayout(layout);
    COMPILED.set(layout, c);
  }
  return c;
}
function writeFields(layout: Layout, b: Buffer, off: number, body: Body): void {
  compiled(layout).write(b, off, body);
}
function readFields(layout: Layout, b: Buffer, off: number, seq: number): Body {
  return compiled(layout).read(b, off, seq);
}

const TYPE_NAMES = new Map<number, MessageTypeName>(
  (Object.entries(MessageType) as [MessageTypeName, number][]).map(([name, code]) => [code, name]),
);

/** The name of a message type (`0x0110` → `"ORDER_REQ"`), or undefined if unknown. */
export function messageTypeName(type: number): MessageTypeName | undefined {
  return TYPE_NAMES.get(type);
}

/** True if `type` is a message type of protocol version 1 (either service, either direction). */
export function isKnownMessageType(type: number): type is MessageType {
  return TYPE_NAMES.has(type);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// ---------------------------------------------------------------------------------------------
// Encoding

type Body = Record<string, unknown>;

function layoutFor(type: number): Layout {
  const layout = FIXED_LAYOUTS.get(type);
  if (layout === undefined) throw new EncodeError("type", `0x${type.toString(16)} is not a message type`);
  return layout;
}

function queryRecordLayout(rsp: QueryRsp): Layout | undefined {
  if (rsp.records.length === 0) return undefined;
  const layout = RECORD_LAYOUTS[rsp.kind];
  if (layout === undefined) {
    throw new EncodeError("QUERY_RSP.kind", `${rsp.kind} is not a query kind, but the page has records`);
  }
  return layout;
}

/** Payload size in bytes of a message. */
export function payloadSize<T extends MessageType>(type: T, body: MessageBodyMap[T]): number {
  if (type === MessageType.QUERY_RSP) {
    const rsp = body as QueryRsp;
    const rec = queryRecordLayout(rsp);
    return PayloadSize.QUERY_RSP_HEADER + (rec ? rec.size * rsp.records.length : 0);
  }
  if (type === MessageType.MD_SUBSCRIBE_REQ) {
    return PayloadSize.MD_SUBSCRIBE_REQ_HEADER + TextSize.code * (body as MdSubscribeReq).codes.length;
  }
  return layoutFor(type).size;
}

/** Writes the 12-byte header at `off`. */
export function writeHeader(b: Buffer, off: number, type: number, seq: number, payloadLength: number): void {
  b.writeUInt32LE(payloadLength + MIN_FRAME_LENGTH, off);
  b.writeUInt16LE(type, off + 4);
  b.writeUInt16LE(PROTOCOL_VERSION, off + 6);
  b.writeUInt32LE(seq >>> 0, off + 8);
}

/**
 * Encodes a whole frame (header and payload) into `target` at `offset`; returns the bytes
 * written. `target` must have room (see {@link payloadSize}). Throws {@link EncodeError}.
 */
export function encodeFrameInto<T extends MessageType>(
  target: Buffer,
  offset: number,
  type: T,
  seq: number,
  body: MessageBodyMap[T],
): number {
  const size = payloadSize(type, body);
  if (size + MIN_FRAME_LENGTH > MAX_FRAME_LENGTH) {
    throw new EncodeError(
      messageTypeName(type) ?? "type",
      `payload of ${size} bytes exceeds the 1 MiB frame limit`,
    );
  }
  const p = offset + HEADER_SIZE;
  if (type === MessageType.QUERY_RSP) {
    const rsp = body as QueryRsp;
    const rec = queryRecordLayout(rsp);
    writeFields(QUERY_RSP_HEADER, target, p, rsp as unknown as Body);
    const n = rsp.records.length;
    target.writeUInt32LE(n, p + QUERY_RSP_HEADER.size);
    if (rec) {
      let r = p + PayloadSize.QUERY_RSP_HEADER;
      for (let i = 0; i < n; i++, r += rec.size)
        writeFields(rec, target, r, rsp.records[i] as unknown as Body);
    }
  } else if (type === MessageType.MD_SUBSCRIBE_REQ) {
    const req = body as MdSubscribeReq;
    const n = req.codes.length;
    if (n < 1 || n > MAX_SUBSCRIBE_CODES) {
      throw new EncodeError("MD_SUBSCRIBE_REQ.codes", `${n} codes, expected 1..${MAX_SUBSCRIBE_CODES}`);
    }
    writeFields(MD_SUBSCRIBE_REQ_HEADER, target, p, req as unknown as Body);
    target.writeUInt16LE(n, p + MD_SUBSCRIBE_REQ_HEADER.size);
    let c = p + PayloadSize.MD_SUBSCRIBE_REQ_HEADER;
    for (let i = 0; i < n; i++, c += TextSize.code) {
      writeText(target, c, TextSize.code, req.codes[i], `MD_SUBSCRIBE_REQ.codes[${i}]`);
    }
  } else {
    writeFields(layoutFor(type), target, p, body as unknown as Body);
  }
  writeHeader(target, offset, type, seq, size);
  return HEADER_SIZE + size;
}

/** Encodes one frame into a new buffer. Throws {@link EncodeError}. */
export function encodeFrame<T extends MessageType>(type: T, seq: number, body: MessageBodyMap[T]): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_SIZE + payloadSize(type, body));
  encodeFrameInto(buf, 0, type, seq, body);
  return buf;
}

/** Encodes a decoded {@link Frame} object (`{ type, seq, body }`). */
export function encodeMessage(frame: Frame): Buffer {
  return encodeFrame(frame.type, frame.seq, frame.body as never);
}

// ---------------------------------------------------------------------------------------------
// Decoding

const EMPTY_BODY = Object.freeze({}) as Body;

/**
 * Decodes the payload of a frame whose header was already checked.
 * Throws {@link ProtocolError} 9001 (size, NUL, enum or 64-bit range) or 9003 (unknown type).
 */
export function decodeBody<T extends MessageType>(
  type: T,
  bytes: Uint8Array,
  offset: number,
  length: number,
  seq?: number,
): MessageBodyMap[T];
export function decodeBody(
  type: number,
  bytes: Uint8Array,
  offset: number,
  length: number,
  seq = 0,
): unknown {
  const b = asBuffer(bytes);
  if (type === MessageType.QUERY_RSP) return decodeQueryRsp(b, offset, length, seq);
  if (type === MessageType.MD_SUBSCRIBE_REQ) return decodeSubscribeReq(b, offset, length, seq);
  const layout = FIXED_LAYOUTS.get(type);
  if (layout === undefined) {
    throw new ProtocolError(ErrorCode.UNKNOWN_MESSAGE_TYPE, `unknown message type 0x${hex4(type)}`, seq);
  }
  if (length !== layout.size) {
    throw malformed(`${layout.name}: payload is ${length} bytes, expected ${layout.size}`, seq);
  }
  if (length === 0) return EMPTY_BODY;
  return readFields(layout, b, offset, seq);
}

function decodeQueryRsp(b: Buffer, off: number, length: number, seq: number): QueryRsp {
  const fixed = PayloadSize.QUERY_RSP_HEADER;
  if (length < fixed)
    throw malformed(`QUERY_RSP: payload is ${length} bytes, expected at least ${fixed}`, seq);
  const rsp = readFields(QUERY_RSP_HEADER, b, off, seq) as unknown as QueryRsp;
  const count = b.readUInt32LE(off + QUERY_RSP_HEADER.size);
  const records: unknown[] = [];
  if (count === 0) {
    if (length !== fixed) throw malformed(`QUERY_RSP: count is 0 but payload is ${length} bytes`, seq);
  } else {
    const rec = RECORD_LAYOUTS[rsp.kind];
    if (rec === undefined) throw malformed(`QUERY_RSP.kind: ${rsp.kind} is not a query kind`, seq);
    if (length !== fixed + count * rec.size) {
      throw malformed(
        `QUERY_RSP: payload is ${length} bytes, expected ${fixed} + ${count} × ${rec.size} for kind ${rsp.kind}`,
        seq,
      );
    }
    for (let i = 0, r = off + fixed; i < count; i++, r += rec.size) records.push(readFields(rec, b, r, seq));
  }
  rsp.records = records as QueryRsp["records"];
  return rsp;
}

function decodeSubscribeReq(b: Buffer, off: number, length: number, seq: number): MdSubscribeReq {
  const fixed = PayloadSize.MD_SUBSCRIBE_REQ_HEADER;
  if (length < fixed) {
    throw malformed(`MD_SUBSCRIBE_REQ: payload is ${length} bytes, expected at least ${fixed}`, seq);
  }
  const req = readFields(MD_SUBSCRIBE_REQ_HEADER, b, off, seq) as unknown as MdSubscribeReq;
  const count = b.readUInt16LE(off + MD_SUBSCRIBE_REQ_HEADER.size);
  if (count < 1 || count > MAX_SUBSCRIBE_CODES) {
    throw malformed(`MD_SUBSCRIBE_REQ.count: ${count}, expected 1..${MAX_SUBSCRIBE_CODES}`, seq);
  }
  if (length !== fixed + count * TextSize.code) {
    throw malformed(`MD_SUBSCRIBE_REQ: payload is ${length} bytes, expected ${fixed} + ${count} × 8`, seq);
  }
  const codes: string[] = new Array(count);
  for (let i = 0, c = off + fixed; i < count; i++, c += TextSize.code) {
    codes[i] = readText(b, c, TextSize.code, seq, `MD_SUBSCRIBE_REQ.codes[${i}]`);
  }
  req.codes = codes;
  return req;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}

/**
 * Checks the `length` field of a frame (9001 below 8, 9002 above 1 MiB).
 * Returns the total frame size including the length field.
 */
export function checkLength(length: number): number {
  if (length < MIN_FRAME_LENGTH) {
    throw malformed(`frame length ${length} is below the minimum of ${MIN_FRAME_LENGTH}`);
  }
  if (length > MAX_FRAME_LENGTH) {
    throw new ProtocolError(
      ErrorCode.OVERSIZED_FRAME,
      `frame length ${length} exceeds the maximum of ${MAX_FRAME_LENGTH} bytes`,
    );
  }
  return length + LENGTH_FIELD_SIZE;
}

/**
 * Checks `version` (9004) and `type` (9003) of a frame header starting at `off` (the length
 * field). `accept`, when given, is the set of types this receiver accepts; others are 9003.
 */
export function checkHeader(b: Uint8Array, off: number, accept?: ReadonlySet<number>): void {
  const buf = asBuffer(b);
  const type = buf.readUInt16LE(off + 4);
  const version = buf.readUInt16LE(off + 6);
  const seq = buf.readUInt32LE(off + 8);
  if (version !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      ErrorCode.UNSUPPORTED_VERSION,
      `protocol version ${version} is not supported (expected ${PROTOCOL_VERSION})`,
      seq,
    );
  }
  if (!TYPE_NAMES.has(type)) {
    throw new ProtocolError(ErrorCode.UNKNOWN_MESSAGE_TYPE, `unknown message type 0x${hex4(type)}`, seq);
  }
  if (accept !== undefined && !accept.has(type)) {
    throw new ProtocolError(
      ErrorCode.UNKNOWN_MESSAGE_TYPE,
      `message type ${TYPE_NAMES.get(type)} (0x${hex4(type)}) is not accepted by this receiver`,
      seq,
    );
  }
}

/**
 * Decodes one whole frame (length field included; the buffer must hold exactly one frame).
 * Checks, in order: length (9001/9002), version (9004), type (9003), payload (9001).
 */
export function decodeFrame(frame: Uint8Array, accept?: ReadonlySet<number>): Frame {
  const b = asBuffer(frame);
  if (b.length < HEADER_SIZE) {
    if (b.length >= LENGTH_FIELD_SIZE) checkLength(b.readUInt32LE(0));
    throw malformed(`frame of ${b.length} bytes is shorter than the ${HEADER_SIZE}-byte header`);
  }
  const total = checkLength(b.readUInt32LE(0));
  checkHeader(b, 0, accept);
  const seq = b.readUInt32LE(8);
  if (total !== b.length) {
    throw malformed(`length field says ${total} bytes in all, the buffer holds ${b.length}`, seq);
  }
  const type = b.readUInt16LE(4) as MessageType;
  const body = decodeBody(type, b, HEADER_SIZE, total - HEADER_SIZE, seq);
  return { type, seq, body } as Frame;
}
