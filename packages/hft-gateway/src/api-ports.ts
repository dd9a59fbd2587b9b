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
  on<K extends keyof TraderApiEvents>(name: K, listener: (event: TraderApiEvents[K]) => void): unknown;
  login(req: LoginRequest): void;
  order(req: NativeOrderRequest): void;
  cancelOrder(req: NativeCancelRequest): void;
  queryAll<K extends QueryKind>(kind: K, options?: QueryAllOptions): Promise<QueryRecordMap[K][]>;
  close(): Promise<void>;
}

/** The part of `MdApi` the gateway uses. */
export interface MdApiPort {
  on<K extends keyof MdApiEvents>(name: K, listener: (event: MdApiEvents[K]) => void): unknown;
  login(req: MdLoginRequest): void;
  subscribe(market: Market, codes: readonly string[]): void;
  close(): Promise<void>;
}

/** Creates the native library and the two APIs. */
export interface HftApiFactory {
  /** Loads (and version-checks) the library; throws `HftLibraryError` when it cannot. */
  loadLibrary(options: LoadHftLibraryOptions): HftLibrary | LoadHftLibraryOptions;
  createTrader(options: TraderApiOptions): TraderApiPort;
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
  };
}

/** The real implementation: `loadHftLibrary`, `TraderApi` and `MdApi` from `@tsgate/hft-native`. */
export const nativeApiFactory: HftApiFactory = Object.freeze({
  loadLibrary: (options: LoadHftLibraryOptions) => loadHftLibrary(options),
  createTrader: (options: TraderApiOptions) => new TraderApi(options),
  createMd: (options: MdApiOptions) => new MdApi(options),
});
