/**
 * What TradeClient and MarketClient share: connecting, the framed connection, request/response
 * matching with timeouts, ERROR handling and closing.
 */
import { EventEmitter } from "node:events";
import { connect as netConnect, type Socket } from "node:net";
import { type CloseReason, FrameConnection } from "../net/frame-connection.js";
import { DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_TIMEOUT_MS } from "../protocol/constants.js";
import type { ErrorMsg, Frame, MessageBodyMap, MessageType } from "../protocol/messages.js";

/** Default time to wait for a response. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Default time to wait for the TCP connection. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Options of the TS clients. */
export interface ClientOptions {
  /** Send HEARTBEAT after this long without sending. Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** Close when nothing was received for this long. Default 5000 ms. */
  heartbeatTimeoutMs?: number;
  /** Reject a request whose response has not come within this time. Default 10 s. */
  requestTimeoutMs?: number;
  /** Give up connecting after this long. Default 5 s. */
  connectTimeoutMs?: number;
  /** Receives diagnostic lines (protocol errors, heartbeat timeouts, seq gaps). Default: discarded. */
  log?: (line: string) => void;
}

/** The server answered a request with an `ERROR` frame (e.g. 1007 request before login). */
export class ServerError extends Error {
  override readonly name = "ServerError";
  constructor(
    readonly code: number,
    readonly serverMessage: string,
  ) {
    super(`server error ${code}: ${serverMessage}`);
  }
}

/** A request got no response in time, or the connection closed before it came. */
export class RequestError extends Error {
  override readonly name = "RequestError";
}

interface Pending {
  seq: number;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout | undefined;
  /** Timed out or failed: the response, if it still comes, is consumed and ignored. */
  done: boolean;
}

/** Events both clients emit. */
export interface BaseClientEvents {
  /** An `ERROR` frame not tied to a pending request (e.g. 9005 before a close). */
  serverError: [error: ErrorMsg];
  /** The connection closed. */
  close: [reason: CloseReason];
}

export abstract class BaseClient<Events extends Record<keyof Events, unknown[]>> extends EventEmitter<
  Events & BaseClientEvents
> {
  /** @internal The current connection, undefined before connect(). */
  protected conn: FrameConnection | undefined;
  /** @internal The options given to the constructor. */
  protected readonly options: ClientOptions;
  /** @internal `options.log`, or a function that discards the line. */
  protected readonly log: (line: string) => void;
  /** Pending requests per response type, in the order they were sent (the server answers in order). */
  private readonly queues = new Map<number, Pending[]>();
  private closedPromise: Promise<CloseReason> | undefined;

  constructor(
    private readonly accept: ReadonlySet<number>,
    options: ClientOptions = {},
  ) {
    super();
    this.options = options;
    this.log = options.log ?? (() => {});
  }

  /** True while connected. */
  get connected(): boolean {
    return this.conn !== undefined && !this.conn.closed;
  }

  /** Connects to the server. */
  async connect(port: number, host = "127.0.0.1"): Promise<this> {
    if (this.connected) throw new Error("already connected");
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = netConnect({ port, host });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new RequestError(`connect to ${host}:${port} timed out`));
      }, this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
      s.once("connect", () => {
        clearTimeout(timer);
        s.off("error", onError);
        resolve(s);
      });
      const onError = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      s.once("error", onError);
    });
    let resolveClosed: (r: CloseReason) => void = () => {};
    this.closedPromise = new Promise((r) => {
      resolveClosed = r;
    });
    this.conn = new FrameConnection(socket, {
      accept: this.accept,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
      heartbeatTimeoutMs: this.options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
      label: `client ${host}:${port}`,
      log: this.log,
      onFrame: (frame) => this.dispatch(frame),
      onClose: (reason) => {
        this.failAll(new RequestError(`connection closed: ${reason.message}`));
        this.onClosed();
        resolveClosed(reason);
        (this as EventEmitter).emit("close", reason);
      },
    });
    return this;
  }

  /** Closes the connection; resolves when it is closed. */
  async close(): Promise<void> {
    const conn = this.conn;
    if (!conn || conn.closed) return;
    conn.close();
    await this.closedPromise;
  }

  /** Resolves with the close reason when the connection closes (by either side). */
  waitClosed(): Promise<CloseReason> {
    if (!this.closedPromise) return Promise.reject(new Error("not connected"));
    return this.closedPromise;
  }

  /** Cuts the connection without a goodbye (tests). */
  destroy(): void {
    this.conn?.destroy();
  }

  /** Sends a frame without waiting for anything; returns its seq. */
  sendRaw<T extends MessageType>(type: T, body: MessageBodyMap[T]): number {
    return this.requireConn().send(type, body);
  }

  /** @internal The open connection; throws RequestError("not connected") otherwise. */
  protected requireConn(): FrameConnection {
    const conn = this.conn;
    if (!conn || conn.closed) throw new RequestError("not connected");
    return conn;
  }

  /** @internal Sends a request and waits for the next frame of `responseType`. */
  protected request<T extends MessageType, R extends MessageType>(
    type: T,
    body: MessageBodyMap[T],
    responseType: R,
  ): Promise<MessageBodyMap[R]> {
    let conn: FrameConnection;
    try {
      conn = this.requireConn();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const seq = conn.send(type, body);
      const entry: Pending = {
        seq,
        resolve: resolve as (v: unknown) => void,
        reject,
        timer: undefined,
        done: false,
      };
      const ms = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
      entry.timer = setTimeout(() => {
        entry.done = true;
        reject(new RequestError(`no response to seq ${seq} within ${ms} ms`));
      }, ms);
      let q = this.queues.get(responseType);
      if (!q) {
        q = [];
        this.queues.set(responseType, q);
      }
      q.push(entry);
    });
  }

  /**
   * @internal Hands a response to the oldest pending request of its type. Returns false if none
   * was waiting.
   */
  protected settle(responseType: number, body: unknown): boolean {
    const q = this.queues.get(responseType);
    const entry = q?.shift();
    if (!entry) return false;
    clearTimeout(entry.timer);
    if (!entry.done) {
      entry.done = true;
      entry.resolve(body);
    }
    return true;
  }

  /** @internal Handles a received frame other than ERROR (and HEARTBEAT, consumed by the connection). */
  protected abstract onFrame(frame: Frame): void;
  /** @internal Called once when the connection closes, before the `close` event. */
  protected onClosed(): void {}

  private dispatch(frame: Frame): void {
    if (frame.type === 2 /* ERROR */) {
      const err = frame.body as ErrorMsg;
      if (err.refSeq !== 0 && this.rejectBySeq(err.refSeq, new ServerError(err.code, err.message))) return;
      (this as EventEmitter).emit("serverError", err);
      return;
    }
    this.onFrame(frame);
  }

  private rejectBySeq(seq: number, err: Error): boolean {
    for (const q of this.queues.values()) {
      const i = q.findIndex((e) => e.seq === seq);
      if (i < 0) continue;
      const [entry] = q.splice(i, 1);
      if (entry) {
        clearTimeout(entry.timer);
        if (!entry.done) {
          entry.done = true;
          entry.reject(err);
        }
      }
      return true;
    }
    return false;
  }

  private failAll(err: Error): void {
    for (const q of this.queues.values()) {
      for (const e of q) {
        clearTimeout(e.timer);
        if (!e.done) {
          e.done = true;
          e.reject(err);
        }
      }
    }
    this.queues.clear();
  }
}
