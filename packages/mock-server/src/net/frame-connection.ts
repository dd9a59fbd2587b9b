/**
 * One framed TCP connection, shared by the servers and the clients: frame encoding with the
 * per-connection `seq` counter, streaming decode, heartbeats and the heartbeat timeout
 * (protocol.md section 8), protocol-error handling, batched writes and stall (fault injection).
 */
import type { Socket } from "node:net";
import {
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  HEADER_SIZE,
  TextSize,
} from "../protocol/constants.js";
import { ProtocolError } from "../protocol/errors.js";
import { encodeFrameInto, payloadSize } from "../protocol/frame-codec.js";
import { FrameDecoder } from "../protocol/frame-decoder.js";
import { ErrorCode, type Frame, type MessageBodyMap, MessageType } from "../protocol/messages.js";

/** Frames are encoded into blocks of this size and written once per event-loop turn. */
const BLOCK_SIZE = 64 * 1024;
/** Start a new block when less than this is left in the current one. */
const BLOCK_MIN_FREE = 4 * 1024;
/** Droppable frames (market data) are skipped while more than this is queued in the socket. */
const DEFAULT_DROP_THRESHOLD = 8 * 1024 * 1024;
/** A peer that lets this much pile up in our send queue is cut off (it is not reading). */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/** After `end()`, a peer that does not close within this time is cut off. */
const CLOSE_GRACE_MS = 1_000;

/** Why a connection closed. */
export type CloseReason =
  | { kind: "peer"; message: string }
  | { kind: "local"; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "protocol"; message: string; code: number }
  | { kind: "error"; message: string };

/** Options of a {@link FrameConnection}. Only `onFrame` is required. */
export interface FrameConnectionOptions {
  /** Message types this side accepts; others close the connection with 9003. */
  accept?: ReadonlySet<number>;
  /** Send HEARTBEAT after this long without sending (0 = never). Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** Close after this long without receiving a frame (0 = never). Default 5000 ms. */
  heartbeatTimeoutMs?: number;
  /** Server side: send `ERROR` before closing on a protocol error or heartbeat timeout. */
  sendErrors?: boolean;
  /** Skip droppable frames while more than this many bytes are queued. Default 8 MiB. */
  dropThreshold?: number;
  /** Name used in log lines, e.g. `trade#3 127.0.0.1:51234`. */
  label?: string;
  /** Receives diagnostic lines (protocol errors, heartbeat timeouts, seq gaps). Default: discarded. */
  log?: (line: string) => void;
  /**
   * Called for each received frame except HEARTBEAT (consumed here), in order, until the
   * connection starts closing.
   */
  onFrame: (frame: Frame, conn: FrameConnection) => void;
  /** Called once when the socket has closed, with the reason (whichever side closed it). */
  onClose?: (reason: CloseReason, conn: FrameConnection) => void;
}

/** A framed protocol connection over a connected socket. */
export class FrameConnection {
  readonly label: string;
  private readonly socket: Socket;
  private readonly decoder: FrameDecoder;
  private readonly options: FrameConnectionOptions;
  private readonly log: (line: string) => void;
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly dropThreshold: number;
  private txSeq = 0;
  private rxSeq = 0;
  private rxGaps = 0;
  private lastSent = Date.now();
  private lastReceived = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private block = Buffer.allocUnsafe(BLOCK_SIZE);
  private blockStart = 0;
  private blockPos = 0;
  private flushScheduled = false;
  /** Writes held back while stalled (in order), or null when not stalled. */
  private held: Buffer[] | null = null;
  private stallTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private closedFlag = false;
  private closeReason: CloseReason | undefined;
  /** Frames and bytes sent/received, for logs and benchmarks. */
  readonly stats = { framesIn: 0, framesOut: 0, bytesOut: 0, dropped: 0 };

  constructor(socket: Socket, options: FrameConnectionOptions) {
    this.socket = socket;
    this.options = options;
    this.label = options.label ?? `${socket.remoteAddress}:${socket.remotePort}`;
    this.log = options.log ?? (() => {});
    this.decoder = new FrameDecoder(options.accept ? { accept: options.accept } : {});
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    this.dropThreshold = options.dropThreshold ?? DEFAULT_DROP_THRESHOLD;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) => this.finish({ kind: "error", message: err.message }));
    socket.on("end", () => {
      if (!this.closing) this.closeReason ??= { kind: "peer", message: "peer closed the connection" };
    });
    socket.on("close", () => this.finish(this.closeReason ?? { kind: "peer", message: "connection closed" }));
    const tick = Math.min(
      this.heartbeatIntervalMs > 0 ? this.heartbeatIntervalMs : Number.POSITIVE_INFINITY,
      this.heartbeatTimeoutMs > 0 ? this.heartbeatTimeoutMs : Number.POSITIVE_INFINITY,
    );
    if (Number.isFinite(tick)) {
      this.timer = setInterval(() => this.onTimer(), Math.max(5, Math.floor(tick / 4)));
      this.timer.unref();
    }
  }

  /** True once the socket has closed. */
  get closed(): boolean {
    return this.closedFlag;
  }

  /** True while a stall (fault injection) holds reads and writes. */
  get stalled(): boolean {
    return this.held !== null;
  }

  /** Bytes waiting in the socket's write queue plus the unflushed batch. */
  get queuedBytes(): number {
    return this.socket.writableLength + (this.blockPos - this.blockStart);
  }

  /** The peer's `address:port`. */
  get remoteAddress(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  /** Sends one message with the next `seq`. Returns the frame's `seq` (0 if the connection is closing). */
  send<T extends MessageType>(type: T, body: MessageBodyMap[T]): number {
    if (this.closing) return 0;
    const size = HEADER_SIZE + payloadSize(type, body);
    const seq = (this.txSeq + 1) >>> 0;
    if (size > BLOCK_SIZE - BLOCK_MIN_FREE) {
      this.flush();
      const buf = Buffer.allocUnsafe(size);
      encodeFrameInto(buf, 0, type, seq, body);
      this.txSeq = seq;
      this.writeNow(buf);
    } else {
      this.reserve(size);
      encodeFrameInto(this.block, this.blockPos, type, seq, body);
      this.txSeq = seq;
      this.blockPos += size;
      this.scheduleFlush();
    }
    this.countOut(size);
    return seq;
  }

  /**
   * Sends an already encoded frame (`frame` holds exactly one frame), writing this connection's
   * next `seq` into the copy; `patch`, if given, edits the copy's payload (e.g. the per-connection
   * `mdSeq` of market data). With `droppable`, the frame is skipped (returns false) while the
   * socket is backed up beyond the drop threshold or the connection is stalled.
   */
  sendEncoded(frame: Buffer, droppable = false, patch?: (payload: Buffer) => void): boolean {
    return this.sendEncodedImpl(frame, droppable, patch, -1, 0);
  }

  /**
   * {@link sendEncoded} that also writes `value` as a u64 at `payloadOffset` of the copy (the
   * per-connection `mdSeq` of a market-data frame encoded once for all subscribers).
   */
  sendEncodedU64(frame: Buffer, payloadOffset: number, value: number, droppable = false): boolean {
    return this.sendEncodedImpl(frame, droppable, undefined, payloadOffset, value);
  }

  private sendEncodedImpl(
    frame: Buffer,
    droppable: boolean,
    patch: ((payload: Buffer) => void) | undefined,
    u64Offset: number,
    u64: number,
  ): boolean {
    if (this.closing) return false;
    if (droppable && (this.held !== null || this.socket.writableLength > this.dropThreshold)) {
      this.stats.dropped++;
      return false;
    }
    const size = frame.length;
    const seq = (this.txSeq + 1) >>> 0;
    this.txSeq = seq;
    let target: Buffer;
    let off: number;
    if (size > BLOCK_SIZE - BLOCK_MIN_FREE) {
      this.flush();
      target = Buffer.allocUnsafe(size);
      off = 0;
    } else {
      this.reserve(size);
      target = this.block;
      off = this.blockPos;
      this.blockPos += size;
    }
    frame.copy(target, off);
    target.writeUInt32LE(seq, off + 8);
    if (u64Offset >= 0) {
      const o = off + HEADER_SIZE + u64Offset;
      const hi = Math.floor(u64 / 4_294_967_296);
      target.writeUInt32LE(u64 - hi * 4_294_967_296, o);
      target.writeUInt32LE(hi, o + 4);
    }
    if (patch) patch(target.subarray(off + HEADER_SIZE, off + size));
    if (target === this.block) this.scheduleFlush();
    else this.writeNow(target);
    this.countOut(size);
    return true;
  }

  /**
   * Sends `ERROR` and closes (best effort: if the connection is stalled or closing, it just closes).
   */
  closeWithError(code: number, message: string, refSeq = 0, kind: "protocol" | "timeout" = "protocol"): void {
    if (this.closing) return;
    if (this.options.sendErrors && this.held === null) {
      try {
        this.send(MessageType.ERROR, { code, refSeq, message: fitText(message, TextSize.message - 1) });
      } catch {
        // Best effort.
      }
    }
    this.close(kind === "timeout" ? { kind, message } : { kind, message, code });
  }

  /** Flushes what is queued and closes gracefully (FIN); the peer gets 1 s to close its side. */
  close(reason: CloseReason = { kind: "local", message: "closed locally" }): void {
    if (this.closing) return;
    this.flush();
    this.releaseHeld();
    this.closing = true;
    this.closeReason = reason;
    this.stopTimer();
    this.socket.end();
    this.graceTimer = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    this.graceTimer.unref();
  }

  /** Cuts the connection at once (no flush, no FIN handshake): a simulated network drop. */
  destroy(reason: CloseReason = { kind: "local", message: "dropped" }): void {
    if (this.closedFlag) return;
    this.closing = true;
    this.closeReason ??= reason;
    this.held = null;
    this.clearStallTimer();
    this.stopTimer();
    this.socket.destroy();
  }

  /**
   * Fault injection: stop reading and writing for `ms` milliseconds. Outgoing frames are held
   * and sent afterwards; heartbeats stop in both directions; incoming bytes wait in the kernel.
   */
  stall(ms: number): void {
    if (this.closing) return;
    this.held ??= [];
    this.socket.pause();
    this.clearStallTimer();
    this.stallTimer = setTimeout(() => this.resumeFromStall(), ms);
  }

  private resumeFromStall(): void {
    this.stallTimer = undefined;
    if (this.closing) return;
    // Not hearing from the peer while we did not read is not the peer's silence.
    this.lastReceived = Date.now();
    this.lastSent = Date.now();
    this.releaseHeld();
    this.socket.resume();
    this.scheduleFlush();
  }

  /** Ends a stall: writes what was held, in order. */
  private releaseHeld(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    this.clearStallTimer();
    for (const buf of held) this.socket.write(buf);
  }

  private clearStallTimer(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  private countOut(size: number): void {
    this.stats.framesOut++;
    this.stats.bytesOut += size;
  }

  /** Makes room for `size` bytes in the current block. */
  private reserve(size: number): void {
    if (this.blockPos + size > BLOCK_SIZE) {
      this.flush();
      if (this.blockPos + size > BLOCK_SIZE || BLOCK_SIZE - this.blockPos < BLOCK_MIN_FREE) this.newBlock();
    }
  }

  private newBlock(): void {
    // Flushed parts of the old block belong to the socket's queue: never write into them again.
    this.block = Buffer.allocUnsafe(BLOCK_SIZE);
    this.blockStart = 0;
    this.blockPos = 0;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    process.nextTick(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Writes the batched frames (held back while stalled). */
  private flush(): void {
    if (this.blockPos === this.blockStart || this.closedFlag) return;
    const chunk = this.block.subarray(this.blockStart, this.blockPos);
    this.blockStart = this.blockPos;
    if (BLOCK_SIZE - this.blockPos < BLOCK_MIN_FREE) this.newBlock();
    this.writeNow(chunk);
  }

  private writeNow(buf: Buffer): void {
    if (this.closedFlag) return;
    // Once per write, not per frame: the heartbeat clock needs no finer grain.
    this.lastSent = Date.now();
    if (this.held !== null) {
      this.held.push(buf);
      return;
    }
    this.socket.write(buf);
    if (this.socket.writableLength > MAX_QUEUED_BYTES) {
      const message = `slow consumer: more than ${MAX_QUEUED_BYTES} bytes queued, peer is not reading`;
      this.log(`${this.label}: ${message}; closing`);
      this.destroy({ kind: "error", message });
    }
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    let got = 0;
    try {
      this.decoder.feed(chunk, (frame) => {
        got++;
        this.onFrame(frame);
      });
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.log(`${this.label}: protocol error ${err.code}: ${err.reason}; closing`);
        this.closeWithError(err.code, err.reason, err.seq);
      } else {
        const message = err instanceof Error ? err.message : String(err);
        this.log(`${this.label}: internal error: ${message}; closing`);
        this.destroy({ kind: "error", message: `internal error: ${message}` });
      }
    }
    if (got > 0) this.lastReceived = Date.now();
  }

  private onFrame(frame: Frame): void {
    this.stats.framesIn++;
    const expected = (this.rxSeq + 1) >>> 0;
    if (frame.seq !== expected && this.rxSeq !== 0) {
      if (this.rxGaps++ === 0) this.log(`${this.label}: frame seq ${frame.seq}, expected ${expected}`);
    }
    this.rxSeq = frame.seq;
    if (frame.type === MessageType.HEARTBEAT) return;
    if (this.closing) return;
    this.options.onFrame(frame, this);
  }

  private onTimer(): void {
    if (this.closing || this.held !== null) return;
    const now = Date.now();
    if (this.heartbeatTimeoutMs > 0 && now - this.lastReceived >= this.heartbeatTimeoutMs) {
      const message = `heartbeat timeout: nothing received for ${now - this.lastReceived} ms`;
      this.log(`${this.label}: ${message}; closing`);
      this.closeWithError(ErrorCode.HEARTBEAT_TIMEOUT, message, 0, "timeout");
      return;
    }
    if (this.heartbeatIntervalMs > 0 && now - this.lastSent >= this.heartbeatIntervalMs) {
      this.send(MessageType.HEARTBEAT, {});
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private finish(reason: CloseReason): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.closing = true;
    this.closeReason ??= reason;
    this.stopTimer();
    this.held = null;
    this.clearStallTimer();
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.socket.destroy();
    if (this.rxGaps > 1) this.log(`${this.label}: ${this.rxGaps} frame seq gaps in all`);
    this.options.onClose?.(this.closeReason, this);
  }
}

/** Shortens `text` to at most `maxBytes` of UTF-8 (whole characters). */
export function fitText(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, "utf8");
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}
