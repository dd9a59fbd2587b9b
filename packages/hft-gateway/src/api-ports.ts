/**
 * What the gateway needs from `@tsgate/hft-native`, as interfaces, and the default factory that
 * provides the real FFI-backed implementations. Tests inject fakes through
 * {@link HftGatewayOptions.api} to drive rare sequences (unknown statuses, replayed reports,
 * query failures) deterministically; production code always uses {@link nativeApiFactory}.
 *
 * @module
 */
import {
  type HftLibrary,
  type LoadHftLibraryOptions,
  type LoginRequest,
  loadHftLibrary,
  type Market,
  MdApi,
  type MdApiEvents,
  type MdApiOptions,
  type MdLoginRequest,
  type CancelRequest as NativeCancelRequest,
  type OrderRequest as NativeOrderRequest,
  type QueryAllOptions,
  type QueryKind,
  type QueryRecordMap,
  TraderApi,
  type TraderApiEvents,
  type TraderApiOptions,
} from "@tsgate/hft-native";
import type { HftSettings } from "./settings.js";

/** The part of `TraderApi` the gateway uses. */
export interface TraderApiPort {
  /** Adds a listener of a `TraderApi` event; events carry prices in yuan. */
  on<K extends keyof TraderApiEvents>(name: K, listener: (event: TraderApiEvents[K]) => void): unknown;
  /** Connects and logs in; the answer is the `login` event. */
  login(req: LoginRequest): void;
  /** Sends an order (price in yuan); the answer is `orderRsp`, then `orderStatus` reports. */
  order(req: NativeOrderRequest): void;
  /** Cancels by orderId, or by clOrderId when orderId is absent; the answer is `cancelRsp`. */
  cancelOrder(req: NativeCancelRequest): void;
  /**
   * Cancels up to `HFT_BATCH_CANCEL_MAX` orders by broker order id in one request (the vendor's
   * BatchCancelOrder); each answer is its own `cancelRsp`.
   */
  cancelOrders(orderIds: readonly string[]): void;
  /** Runs a query through all its pages and resolves with every record; rejects with `HftQueryError`. */
  queryAll<K extends QueryKind>(kind: K, options?: QueryAllOptions): Promise<QueryRecordMap[K][]>;
  /** Releases the native handle; no event is emitted afterwards. Idempotent. */
  close(): Promise<void>;
}

/** The part of `MdApi` the gateway uses. */
export interface MdApiPort {
  /** Adds a listener of an `MdApi` event; events carry prices in yuan. */
  on<K extends keyof MdApiEvents>(name: K, listener: (event: MdApiEvents[K]) => void): unknown;
  /** Connects and logs in to the market server; the answer is the `login` event. */
  login(req: MdLoginRequest): void;
  /**
   * Subscribes codes ("600000") of one market; each chunk of up to 1000 codes is answered by
   * `subscribeRsp`, then `baseInfo` and `marketData` follow per code.
   */
  subscribe(market: Market, codes: readonly string[]): void;
  /** Releases the native handle; no event is emitted afterwards. Idempotent. */
  close(): Promise<void>;
}

/** Creates the native library and the two APIs. */
export interface HftApiFactory {
  /** Loads (and version-checks) the library; throws `HftLibraryError` when it cannot. */
  loadLibrary(options: LoadHftLibraryOptions): HftLibrary | LoadHftLibraryOptions;
  /** Creates the trading API for the trade server in `options` (not yet connected). */
  createTrader(options: TraderApiOptions): TraderApiPort;
  /** Creates the market-data API for the market server in `options` (not yet connected). */
  createMd(options: MdApiOptions): MdApiPort;
}

/** The connection options both APIs get: the server, the loaded library and the timing settings. */
export function connectionOptions(
  host: string,
  port: number,
  library: HftLibrary | LoadHftLibraryOptions,
  settings: HftSettings,
): TraderApiOptions & MdApiOptions {
  return {
    host,
    port,
    library,
    heartbeatIntervalMs: settings.heartbeatIntervalMs,
    heartbeatTimeoutMs: settings.heartbeatTimeoutMs,
    connectTimeoutMs: settings.connectTimeoutMs,
    reconnectMinMs: settings.reconnectMinMs,
    reconnectMaxMs: settings.reconnectMaxMs,
    connectRetries: settings.connectRetries,
    busyPoll: settings.busyPoll,
  };
}

/** The real implementation: `loadHftLibrary`, `TraderApi` and `MdApi` from `@tsgate/hft-native`. */
export const nativeApiFactory: HftApiFactory = Object.freeze({
  loadLibrary: (options: LoadHftLibraryOptions) => loadHftLibrary(options),
  createTrader: (options: TraderApiOptions) => new TraderApi(options),
  createMd: (options: MdApiOptions) => new MdApi(options),
});
