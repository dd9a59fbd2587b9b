/**
 * @tsgate/hft-native: the HFT C ABI (native/include/hft_api.h) loaded through an FFI backend (koffi by
 * default, ffi-napi optionally), with batched event delivery, wrapped as typed TraderApi and MdApi
 * classes. Nothing exported here exposes a pointer.
 *
 * @packageDocumentation
 */

export type { ApiOptions } from "./api-base.js";
export {
  HFT_ABI_VERSION,
  HFT_BATCH_CANCEL_MAX,
  HFT_LIB_ENV,
  HFT_QUERY_MAX_NUM,
  PRICE_SCALE,
} from "./constants.js";
export {
  HftArgumentError,
  HftCallError,
  type HftCallErrorCode,
  HftClosedError,
  HftLibraryError,
  type HftLibraryErrorCode,
  HftQueryError,
} from "./errors.js";
export {
  type BackendName,
  bundledLibraryPath,
  HftLibrary,
  type LibraryPathSource,
  type LoadHftLibraryOptions,
  loadHftLibrary,
  testLibraryPath,
} from "./library.js";
export {
  finalLoginCodes,
  LOGIN_CODES,
  type LoginCause,
  type LoginCodeEntry,
  type LoginSide,
  loginCode,
} from "./login-codes.js";
export { MdApi, type MdApiEvents, type MdApiOptions, type MdLoginRequest } from "./md-api.js";
export { fromScaled, toScaled } from "./price.js";
export type { ConnectionOptions, LoginRequest, OrderRequest, QueryRequest } from "./requests.js";
export {
  type CancelRequest,
  ORDER_SEND_MODES,
  type OrderSend,
  type QueryAllOptions,
  TraderApi,
  type TraderApiEvents,
  type TraderApiOptions,
} from "./trader-api.js";
export { type Listener, TypedEmitter } from "./typed-emitter.js";
export type * from "./types.js";
