import { type OnReadOpts, Socket, type SocketConstructorOpts } from "node:net";
import { busyPoller } from "./busy-poller.js";
import { DEFAULT_MAX_POLLS_PER_TURN, DEFAULT_POLL_BATCH, HftReturnCode } from "./constants.js";
import { HftCallError } from "./errors.js";
import { EventRecords } from "./event-decoder.js";
import type { FfiLibrary } from "./ffi-backend.js";
import type { NativeCallback, NativeHandleApi, NativePointer } from "./library.js";
import type { EventDelivery, WakeupMode } from "./types.js";

export interface PumpOptions {
  delivery: EventDelivery;
  /** Batched delivery: wake-up descriptor (where the library offers one) or callback. */
  wakeup: WakeupMode;
  /** Records per hft_*_poll call (size of the one preallocated buffer, in records). */
  pollBatch: number;
  /** Polls per event-loop turn before yielding with setImmediate. */
  maxPollsPerTurn: number;
  /** Batched delivery: poll in the process's busy-poll loop instead of waiting to be woken. */
  busyPoll: boolean;
}

export const DEFAULT_PUMP_OPTIONS: PumpOptions = {
  delivery: "batched",
  wakeup: "descriptor",
  pollBatch: DEFAULT_POLL_BATCH,
  maxPollsPerTurn: DEFAULT_MAX_POLLS_PER_TURN,
  busyPoll: false,
};

/** Called for each record, with the buffer and the record's byte offset in it. */
export type RecordSink = (records: EventRecords, base: number) => void;

// Longest timer delay Node accepts; the timer only exists to hold the event loop open.
const KEEP_ALIVE_MS = 2_147_483_647;

/**
 * Where every pump's wake-up descriptor is read into. The bytes carry nothing, and Node reads
 * each descriptor on the JS thread and hands the bytes over before the next read, so one small
 * buffer serves them all; it only needs to take what accumulates while the JS side is busy (a
 * fuller pipe just takes another read).
 */
const WAKE_READ_BUFFER = Buffer.alloc(64);

/**
 * Pumps one native handle's events into JS, and owns that handle's keep-alive and release.
 *
 * Batched delivery (hft_api.h "THREADING CONTRACT"): the notifier thread calls the wake-up function
 * once when the ring becomes non-empty while armed. The wake-up only schedules a drain on the JS
 * thread (setImmediate), so the notifier is released at once and listener code never runs inside the
 * FFI callback. The drain polls up to `pollBatch` records per call into one buffer and dispatches
 * them; after at most `maxPollsPerTurn` full polls it yields to the event loop (setImmediate) and goes
 * on, so a flood of market data cannot starve timers and sockets. When a poll returns fewer records
 * than asked the ring was empty: it calls arm(), and if arm() reports records that arrived in between,
 * it polls again, so no wake-up is lost.
 *
 * Wake-up descriptor (`wakeup: "descriptor"`, where hft_*_open_wakeup_fd exists and succeeds;
 * issue 22): instead of the notifier thread calling into JS, the library's producing thread writes
 * a byte to a pipe; Node's event loop watches its read end (a net.Socket on the descriptor, read
 * into one preallocated buffer with no stream in between) and the drain runs straight from that read, so a tick crosses one thread boundary instead of three. The
 * arm protocol is the same. The callback stays registered for the libraries and platforms without
 * a descriptor (Windows), where the pump falls back to it.
 *
 * Keep-alive: calls from the library's threads do not keep Node's event loop alive (koffi), so a ref'd
 * timer is held from create to close.
 *
 * Release runs hft_*_release on a worker thread: it joins the notifier, which may itself be waiting
 * for the JS thread to run a wake-up (both backends block the calling thread until JS ran the
 * callback); a synchronous release from the JS thread would deadlock.
 */
export class EventPump {
  readonly records: EventRecords;
  private readonly callback: NativeCallback;
  private keepAlive: NodeJS.Timeout | undefined;
  private handle: NativePointer | null;
  private closing: Promise<void> | undefined;
  private scheduled = false;
  private paused = false;
  private wakePending = false;
  /** The wake-up descriptor's read end, when batched delivery uses one. */
  private wakeSocket: Socket | undefined;
  /** Takes this handle out of the busy-poll loop; set while it is in it. */
  private leaveBusyPoll: (() => void) | undefined;

  constructor(
    private readonly api: NativeHandleApi,
    ffi: FfiLibrary,
    /** "hft_trader" or "hft_md", for error messages. */
    private readonly prefix: string,
    handle: NativePointer,
    private readonly sink: RecordSink,
    private readonly onError: (err: HftCallError) => void,
    private readonly options: PumpOptions,
  ) {
    this.handle = handle;
    if (options.delivery === "perEvent") {
      this.records = new EventRecords(1);
      this.callback = ffi.registerEventCallback(
        this.records.buffer,
        this.records.buffer.length,
        this.onEvent,
      );
    } else {
      this.records = new EventRecords(options.pollBatch);
      this.callback = ffi.registerWakeup(this.onWakeup);
    }
    const rc =
      options.delivery === "perEvent"
        ? api.setEventCallback(handle, this.callback.pointer, this.callback.userData)
        : api.setWakeup(handle, this.callback.pointer, this.callback.userData);
    if (rc < 0) {
      const what = options.delivery === "perEvent" ? "set_event_callback" : "set_wakeup";
      // Nothing was registered with the library: release the handle, then the callback.
      void api.release(handle).finally(() => this.callback.release());
      this.handle = null;
      this.closing = Promise.resolve();
      throw new HftCallError(`${prefix}_${what}`, rc, `${prefix}_${what} failed (${rc})`);
    }
    this.keepAlive = setInterval(() => {}, KEEP_ALIVE_MS);
    if (options.delivery !== "batched") return;
    if (options.busyPoll) {
      // Never armed again: the library stops waking anyone, the loop finds the records itself.
      this.leaveBusyPoll = busyPoller.add(this.pollOnce);
      return;
    }
    if (options.wakeup === "descriptor") this.openWakeSocket();
    // Records may already be queued, and the handle may start disarmed: drain once, which arms.
    this.schedule();
  }

  /** How this session is woken: "descriptor" when the library gave one, else "callback". */
  get wakeup(): WakeupMode {
    return this.wakeSocket === undefined ? "callback" : "descriptor";
  }

  /**
   * Switches the handle to its wake-up descriptor if the library offers one (else the callback
   * stays in charge). The bytes mean nothing: each read runs a drain, which re-arms.
   */
  private openWakeSocket(): void {
    const handle = this.handle;
    if (handle === null || this.api.openWakeupFd === undefined || process.platform === "win32") return;
    const fd = this.api.openWakeupFd(handle);
    if (fd < 0) return; // unsupported here: the wake-up callback goes on
    // `onread`: libuv reads into one preallocated buffer and calls onWakeByte directly, skipping
    // the stream layer (a Buffer, a push and a 'data' event per wake-up); issue 22.
    // (Node's Socket constructor takes `onread`; @types/node declares it for connect() only.)
    const options: SocketConstructorOpts & { onread: OnReadOpts } = {
      fd,
      readable: true,
      writable: false,
      onread: { buffer: WAKE_READ_BUFFER, callback: this.onWakeByte },
    };
    const socket = new Socket(options);
    socket.on("error", (error: Error) =>
      this.onError(
        new HftCallError(
          `${this.prefix}_open_wakeup_fd`,
          HftReturnCode.SYSTEM,
          `wake-up descriptor failed: ${error.message}`,
        ),
      ),
    );
    this.wakeSocket = socket;
  }

  /**
   * The `onread` callback of the wake-up descriptor: the bytes are read, their content is not used.
   * Returns true: keep reading (false would pause the descriptor).
   */
  private readonly onWakeByte = (): boolean => {
    if (this.handle === null) return true;
    if (this.paused) {
      this.wakePending = true;
      return true;
    }
    // Already on the JS thread, from the event loop: drain now rather than one turn later.
    if (!this.scheduled) this.drain();
    return true;
  };

  /** True while this handle is in the busy-poll loop. */
  get busyPoll(): boolean {
    return this.leaveBusyPoll !== undefined;
  }

  /** The live handle; null once close() started. */
  get native(): NativePointer | null {
    return this.handle;
  }

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /**
   * Stops polling. Records stay in the ring; with overflowPolicy "block" the library waits (and TCP
   * pushes back), with "dropMarketData" market data beyond the ring's capacity is dropped and counted.
   */
  pause(): void {
    if (this.options.delivery === "perEvent")
      throw new Error("pause() is not available with eventDelivery 'perEvent'");
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.wakePending) {
      this.wakePending = false;
      this.schedule();
    }
  }

  /** Releases the handle (joins its threads), then the callback and the keep-alive. Idempotent. */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    const handle = this.handle;
    this.handle = null;
    this.leaveBusyPoll?.();
    this.leaveBusyPoll = undefined;
    // Its descriptor is this process's copy: closing it leaves the library's own untouched.
    this.wakeSocket?.destroy();
    this.wakeSocket = undefined;
    this.closing = (async () => {
      try {
        if (handle !== null) await this.api.release(handle);
      } finally {
        // release joined the notifier, so no library thread calls this callback any more.
        this.callback.release();
        if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
        this.keepAlive = undefined;
      }
    })();
    return this.closing;
  }

  private readonly onWakeup = (): void => {
    // Busy polling: the one wake-up the library may still send (it starts armed) is not needed.
    if (this.handle === null || this.leaveBusyPoll !== undefined) return;
    if (this.paused) {
      this.wakePending = true;
      return;
    }
    this.schedule();
  };

  private readonly onEvent = (): void => {
    if (this.handle === null) return;
    this.sink(this.records, 0);
  };

  /** Busy-poll mode: one poll, its records dispatched; returns their number. */
  private readonly pollOnce = (): number => {
    const handle = this.handle;
    if (handle === null || this.paused) return 0;
    const { records, sink } = this;
    const n = this.api.poll(handle, records.buffer, records.capacity);
    if (n < 0) {
      this.leaveBusyPoll?.();
      this.leaveBusyPoll = undefined;
      this.fail("poll", n);
      return 0;
    }
    for (let i = 0; i < n; i++) {
      if (this.handle === null) break;
      sink(records, records.base(i));
    }
    return n;
  };

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    const { api, records, sink } = this;
    const capacity = records.capacity;
    for (let polls = 0; polls < this.options.maxPollsPerTurn; polls++) {
      const handle = this.handle;
      if (handle === null) return;
      if (this.paused) {
        this.wakePending = true;
        return;
      }
      const n = api.poll(handle, records.buffer, capacity);
      if (n < 0) {
        this.fail("poll", n);
        return;
      }
      // Every polled record is dispatched, even if a listener pauses meanwhile: it left the ring.
      for (let i = 0; i < n; i++) {
        if (this.handle === null) return;
        sink(records, records.base(i));
      }
      if (n < capacity) {
        if (this.handle === null) return;
        if (this.paused) {
          this.wakePending = true;
          return;
        }
        const pending = api.arm(handle);
        if (pending < 0) {
          this.fail("arm", pending);
          return;
        }
        if (pending === 0) return;
      }
    }
    this.schedule();
  };

  private fail(what: string, rc: number): void {
    const func = `${this.prefix}_${what}`;
    this.onError(new HftCallError(func, rc, `${func} failed (${rc}); event delivery stopped`));
  }
}
