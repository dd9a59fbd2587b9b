import { HEADER_SIZE, LENGTH_FIELD_SIZE } from "./constants.js";
import { ProtocolError } from "./errors.js";
import { checkHeader, checkLength, decodeBody } from "./frame-codec.js";
import type { Frame, MessageType } from "./messages.js";

/** Options of a {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** Message types this receiver accepts; any other type is a 9003 error. Default: all known types. */
  accept?: ReadonlySet<number>;
}

/**
 * Streaming decoder: turns TCP chunks into frames, whatever the chunk boundaries (a frame split
 * over many reads, many frames in one read). The length field is checked as soon as its 4 bytes
 * arrive and the header as soon as its 12 bytes arrive, so an oversized length fails at once and
 * no buffer larger than 1 MiB + 4 is ever allocated. Whole frames inside a chunk are decoded in
 * place without copying.
 *
 * After a {@link ProtocolError} the decoder is failed: every later call throws the same error
 * (the connection is to be closed).
 */
export class FrameDecoder {
  private readonly accept: ReadonlySet<number> | undefined;
  /** Collects the length field when it is split across chunks. */
  private readonly lengthBytes = Buffer.alloc(LENGTH_FIELD_SIZE);
  private lengthFilled = 0;
  /** The frame being assembled across chunks (exactly its size), or null. */
  private partial: Buffer | null = null;
  private partialFilled = 0;
  private headerChecked = false;
  private failure: ProtocolError | null = null;

  constructor(options: FrameDecoderOptions = {}) {
    this.accept = options.accept;
  }

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.partial ? this.partialFilled : this.lengthFilled;
  }

  /** The error that failed this decoder, if any. */
  get error(): ProtocolError | null {
    return this.failure;
  }

  /**
   * Feeds one chunk; calls `onFrame` for each complete frame in order. Throws
   * {@link ProtocolError} at the first malformed frame (frames before it were delivered).
   */
  feed(chunk: Uint8Array, onFrame: (frame: Frame) => void): void {
    if (this.failure) throw this.failure;
    try {
      this.feedUnchecked(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
        onFrame,
      );
    } catch (err) {
      if (err instanceof ProtocolError) this.failure = err;
      throw err;
    }
  }

  /** Feeds one chunk and returns the complete frames it finished. Throws like {@link feed}. */
  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    this.feed(chunk, (f) => frames.push(f));
    return frames;
  }

  private feedUnchecked(chunk: Buffer, onFrame: (frame: Frame) => void): void {
    let pos = 0;
    const end = chunk.length;
    while (pos < end) {
      const partial = this.partial;
      if (partial !== null) {
        const take = Math.min(partial.length - this.partialFilled, end - pos);
        chunk.copy(partial, this.partialFilled, pos, pos + take);
        this.partialFilled += take;
        pos += take;
        if (!this.headerChecked && this.partialFilled >= HEADER_SIZE) {
          checkHeader(partial, 0, this.accept);
          this.headerChecked = true;
        }
        if (this.partialFilled === partial.length) {
          this.partial = null;
          onFrame(this.decodeAt(partial, 0, partial.length));
        }
        continue;
      }
      if (this.lengthFilled === 0 && end - pos >= LENGTH_FIELD_SIZE) {
        const total = checkLength(chunk.readUInt32LE(pos));
        if (end - pos >= total) {
          checkHeader(chunk, pos, this.accept);
          const frame = this.decodeAt(chunk, pos, total);
          pos += total;
          onFrame(frame);
        } else {
          this.startPartial(total);
          // The loop copies the available bytes into the new partial buffer.
        }
        continue;
      }
      // Fewer than 4 bytes of the length field available: collect them.
      const take = Math.min(LENGTH_FIELD_SIZE - this.lengthFilled, end - pos);
      chunk.copy(this.lengthBytes, this.lengthFilled, pos, pos + take);
      this.lengthFilled += take;
      pos += take;
      if (this.lengthFilled === LENGTH_FIELD_SIZE) {
        this.lengthFilled = 0;
        const total = checkLength(this.lengthBytes.readUInt32LE(0));
        this.startPartial(total);
        this.lengthBytes.copy(this.partial!, 0);
        this.partialFilled = LENGTH_FIELD_SIZE;
      }
    }
  }

  private startPartial(total: number): void {
    this.partial = Buffer.allocUnsafe(total);
    this.partialFilled = 0;
    this.headerChecked = false;
  }

  private decodeAt(b: Buffer, off: number, total: number): Frame {
    const type = b.readUInt16LE(off + 4) as MessageType;
    const seq = b.readUInt32LE(off + 8);
    const body = decodeBody(type, b, off + HEADER_SIZE, total - HEADER_SIZE, seq);
    return { type, seq, body } as Frame;
  }
}
