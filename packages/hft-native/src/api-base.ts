import { DEFAULT_MAX_POLLS_PER_TURN, DEFAULT_POLL_BATCH } from "./constants.js";
import { HftArgumentError, type HftCallError, HftClosedError } from "./errors.js";
import type { EventRecords } from "./event-decoder.js";
import { EventPump } from "./event-pump.js";
import {
  HftLibrary,
  type LoadHftLibraryOptions,
  loadHftLibrary,
  type NativeApi,
  type NativeHandleApi,
  type NativePointer,
  native,
} from "./library.js";
import { type ConnectionOptions, encodeConnConfig } from "./requests.js";
import { TypedEmitter } from "./typed-emitter.js";
import type { EventDelivery, WakeupMode } from "./types.js";

/** Options common to TraderApi and MdApi. */
export interface ApiOptions extends ConnectionOptions {
  /** A loaded library, or how to load one (default: loadHftLibrary()). */
  library?: HftLibrary | LoadHftLibraryOptions;
  /** "batched" (default) or "perEvent" (one foreign-thread callback per event; for benchmarks). */
  eventDelivery?: EventDelivery;
  /**
   * How batched delivery wakes the JS thread (see {@link WakeupMode}). Default "descriptor", which
   * falls back to "callback" where the library cannot give a descriptor (Windows, older libraries).
   */
  wakeup?: WakeupMode;
  /** Records per poll (one preallocated buffer of pollBatch × HFT_EVENT_SIZE bytes). Default 1024. */
  pollBatch?: number;
  /** Polls per event-loop turn before yielding (listeners' microtasks run in between). Default 1. */
  maxPollsPerTurn?: number;
  /**
   * Busy-poll mode (issue 22): the JS thread polls the event ring in a loop instead of sleeping
   * until the library wakes it, so an event is seen within one poll of its arrival, with no
   * thread wake-up. **Costs one CPU core at 100%** while any busy-polling handle is open (all of
   * them share one loop, which yields to the event loop every `BUSY_POLL_SLICE_MS` (0.1 ms)
   * without records and after every poll with records). Needs eventDelivery "batched". Default
   * false.
   */
  busyPoll?: boolean;
}

/** The `error` event payload shape both apis share. */
interface ErrorShape {
  errorCode: number;
  refSeq: number;
  message: string;
}

/** Shared lifecycle of TraderApi and MdApi: load, create the handle, deliver events, close. */
export abstract class HftApiBase<E extends { error: ErrorShape }> extends TypedEmitter<E> {
  /** The library this api runs on. */
  readonly library: HftLibrary;
  /** @internal The bound C functions of `library`. */
  protected readonly native: NativeApi;
  private readonly pump: EventPump;

  protected constructor(
    private readonly apiName: string,
    kind: "trader" | "md",
    options: ApiOptions,
  ) {
    super();
    const pollBatch = options.pollBatch ?? DEFAULT_POLL_BATCH;
    const maxPollsPerTurn = options.maxPollsPerTurn ?? DEFAULT_MAX_POLLS_PER_TURN;
    if (!Number.isInteger(pollBatch) || pollBatch < 1 || pollBatch > 65536) {
      throw new HftArgumentError("pollBatch", `expected an integer 1..65536, got ${pollBatch}`);
    }
    if (!Number.isInteger(maxPollsPerTurn) || maxPollsPerTurn < 1) {
      throw new HftArgumentError("maxPollsPerTurn", `expected a positive integer, got ${maxPollsPerTurn}`);
    }
    const delivery = options.eventDelivery ?? "batched";
    if (delivery !== "batched" && delivery !== "perEvent") {
      throw new HftArgumentError(
        "eventDelivery",
        `expected "batched" or "perEvent", got ${String(delivery)}`,
      );
    }
    const wakeup = options.wakeup ?? "descriptor";
    if (wakeup !== "descriptor" && wakeup !== "callback") {
      throw new HftArgumentError("wakeup", `expected "descriptor" or "callback", got ${String(wakeup)}`);
    }
    const busyPoll = options.busyPoll ?? false;
    if (typeof busyPoll !== "boolean")
      throw new HftArgumentError("busyPoll", `expected true or false, got ${String(busyPoll)}`);
    if (busyPoll && delivery !== "batched")
      throw new HftArgumentError("busyPoll", 'needs eventDelivery "batched"');
    const config = encodeConnConfig(options);
    this.library = options.library instanceof HftLibrary ? options.library : loadHftLibrary(options.library);
    this.native = native(this.library);
    const handleApi: NativeHandleApi = this.native[kind];
    const prefix = kind === "trader" ? "hft_trader" : "hft_md";
    const handle = handleApi.create(config);
    if (handle === null) {
      this.native.check(`${prefix}_create`, -1);
    }
    this.pump = new EventPump(
      handleApi,
      this.native.ffi,
      prefix,
      handle as NativePointer,
      (records, base) => this.onRecord(records, base),
      (err) => this.onPumpError(err),
      { delivery, wakeup, pollBatch, maxPollsPerTurn, busyPoll },
    );
  }

  /**
   * How this api's events wake the JS thread: "descriptor" (the library's wake-up pipe, watched
   * by the event loop) or "callback" (asked for, or the library/platform has no descriptor).
   */
  get wakeup(): WakeupMode {
    return this.pump.wakeup;
  }

  /** True when this api's events are found by the busy-poll loop (option `busyPoll`). */
  get busyPoll(): boolean {
    return this.pump.busyPoll;
  }

  /** True once close() was called. */
  get closed(): boolean {
    return this.pump.isClosed;
  }

  /**
   * Stops draining events until resume(). The library keeps queueing: with overflowPolicy "block" it
   * waits when the ring is full (and TCP pushes back to the server); with "dropMarketData" market data
   * beyond the ring's capacity is dropped and later reported by one `overflow` event.
   */
  pauseEvents(): void {
    this.handle("pauseEvents");
    this.pump.pause();
  }

  /** Resumes draining after pauseEvents(). */
  resumeEvents(): void {
    this.handle("resumeEvents");
    this.pump.resume();
  }

  /**
   * Releases the native handle: stops and joins its threads, closes its sockets, frees its memory,
   * then drops the callback registration and the event-loop keep-alive. No event is emitted after
   * close() is called. Idempotent; methods called afterwards throw HftClosedError.
   */
  close(): Promise<void> {
    const closing = this.pump.close();
    this.onClose();
    return closing;
  }

  /** @internal The live handle, or null once close() started. */
  protected get liveHandle(): NativePointer | null {
    return this.pump.native;
  }

  /** @internal The live handle, or throws HftClosedError naming the method. */
  protected handle(method: string): NativePointer {
    const h = this.pump.native;
    if (h === null) throw new HftClosedError(this.apiName, method);
    return h;
  }

  /** @internal Decodes and dispatches one record. */
  protected abstract onRecord(records: EventRecords, base: number): void;

  /** @internal Called once when close() starts (reject pending work). */
  protected onClose(): void {}

  private onPumpError(err: HftCallError): void {
    this.emit("error", { errorCode: err.returnCode, refSeq: 0, message: err.message } as E["error"]);
  }
}
