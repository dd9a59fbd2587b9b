import { type ApiOptions, HftApiBase } from "./api-base.js";
import { EventType, HFT_MD_MAX_CODES_PER_CALL } from "./constants.js";
import { HftArgumentError } from "./errors.js";
import {
  decodeBaseInfo,
  decodeConnecting,
  decodeDisconnected,
  decodeError,
  decodeMarketData,
  decodeMdLogin,
  decodeOverflow,
  decodeStatusMessage,
  decodeSubscribeRsp,
  type EventRecords,
} from "./event-decoder.js";
import { cString } from "./library.js";
import { checkString, encodeCodes, marketCode } from "./requests.js";
import type {
  BaseInfoEvent,
  ConnectedEvent,
  ConnectingEvent,
  DisconnectedEvent,
  ErrorEvent,
  Market,
  MarketDataEvent,
  MdLoginEvent,
  OverflowEvent,
  SubscribeRspEvent,
} from "./types.js";

/** Events of {@link MdApi}. */
export interface MdApiEvents {
  /** Connecting or reconnecting (attempt 0 = first connect). */
  connecting: ConnectingEvent;
  /** TCP connected; the login request was sent. */
  connected: ConnectedEvent;
  /** Connection lost or connect failed; willReconnect tells whether the library retries. */
  disconnected: DisconnectedEvent;
  /** Market-data login answer (also after each automatic re-login). */
  login: MdLoginEvent;
  /** Error frame from the server, or a library error. */
  error: ErrorEvent;
  /** Answer to one chunk of {@link MdApi.subscribe} or {@link MdApi.unsubscribe}. */
  subscribeRsp: SubscribeRspEvent;
  /** L1 snapshot with five levels, prices in yuan. */
  marketData: MarketDataEvent;
  /** Static data of a newly subscribed code, sent before its first snapshot. */
  baseInfo: BaseInfoEvent;
  /** Market data was dropped because the ring was full (overflowPolicy "dropMarketData"). */
  overflow: OverflowEvent;
}

/** Options of {@link MdApi}: the market server and connection behaviour. */
export type MdApiOptions = ApiOptions;

/** Market login (hft_md_login). */
export interface MdLoginRequest {
  /** 行情用户名 */
  user: string;
  /** 行情密码: never kept by this package nor included in errors. */
  password: string;
}

/**
 * The market-data API over the HFT C library. Snapshots arrive in batches from the library's ring and
 * are emitted one `marketData` event each, in order.
 *
 * @example
 * const md = new MdApi({ host: "127.0.0.1", port: 9000 });
 * md.on("login", (e) => e.ok && md.subscribe("SH", ["600000"]));
 * md.on("marketData", (t) => console.log(t.code, t.last, t.bidPrice[0]));
 * md.login({ user: "md", password: "..." });
 */
export class MdApi extends HftApiBase<MdApiEvents> {
  constructor(options: MdApiOptions) {
    super("MdApi", "md", options);
  }

  /** Connects and logs in. The answer is the `login` event. */
  login(req: MdLoginRequest): void {
    const h = this.handle("login");
    // Checked in place: a scratch copy of the password would outlive the call.
    checkString(req.user, 32, "user");
    checkString(req.password, 64, "password");
    const user = cString(req.user);
    const password = cString(req.password);
    try {
      this.native.check("hft_md_login", this.native.md.login(h, user, password), [req.password]);
    } finally {
      password.fill(0);
    }
  }

  /**
   * Subscribes codes ("600000") of one market ("SH"/"SZ" or 1/2); lists over 1000 codes are sent in
   * chunks of 1000. Each chunk is answered by one `subscribeRsp`; then `baseInfo` and `marketData`
   * follow per code. May be called before login: the library sends it after login, and again after
   * each reconnect.
   */
  subscribe(market: Market | 1 | 2, codes: readonly string[]): void {
    this.subscription("subscribe", market, codes);
  }

  /** Unsubscribes codes, chunked like subscribe(). */
  unsubscribe(market: Market | 1 | 2, codes: readonly string[]): void {
    this.subscription("unsubscribe", market, codes);
  }

  /**
   * Test and benchmark hook (hft_md_test_emit): the library's producer thread emits `count` synthetic
   * snapshots (mdSeq 1..count, code "BENCH") as fast as the ring allows, without a network. Only the
   * test build of the simulation library has it (load `testLibraryPath()`); with any other
   * library it throws an HftLibraryError `SYMBOL_MISSING` that says so.
   */
  testEmit(count: number): void {
    const h = this.handle("testEmit");
    if (!Number.isInteger(count) || count < 0 || count > 0xffffffff) {
      throw new HftArgumentError("count", `expected an integer 0..4294967295, got ${count}`);
    }
    this.native.check("hft_md_test_emit", this.native.md.testEmit(h, count));
  }

  private subscription(
    action: "subscribe" | "unsubscribe",
    market: Market | 1 | 2,
    codes: readonly string[],
  ): void {
    const h = this.handle(action);
    const m = marketCode(market);
    if (!Array.isArray(codes) || codes.length === 0)
      throw new HftArgumentError("codes", "expected a non-empty array");
    const fn = action === "subscribe" ? this.native.md.subscribe : this.native.md.unsubscribe;
    // Encode every chunk first so that a bad code fails the whole call before anything is sent.
    const chunks: { buf: Buffer; count: number }[] = [];
    for (let i = 0; i < codes.length; i += HFT_MD_MAX_CODES_PER_CALL) {
      const part = codes.slice(i, i + HFT_MD_MAX_CODES_PER_CALL);
      chunks.push({ buf: encodeCodes(part), count: part.length });
    }
    for (const { buf, count } of chunks) this.native.check(`hft_md_${action}`, fn(h, m, buf, count));
  }

  /** @internal Decodes one market-data record and emits the matching event. */
  protected onRecord(r: EventRecords, b: number): void {
    switch (r.type(b)) {
      case EventType.MARKET_DATA:
        if (this.hasListeners("marketData")) this.emit("marketData", decodeMarketData(r, b));
        break;
      case EventType.BASE_INFO:
        if (this.hasListeners("baseInfo")) this.emit("baseInfo", decodeBaseInfo(r, b));
        break;
      case EventType.MD_SUBSCRIBE_RSP:
        this.emit("subscribeRsp", decodeSubscribeRsp(r, b));
        break;
      case EventType.MD_LOGIN:
        this.emit("login", decodeMdLogin(r, b));
        break;
      case EventType.CONNECTING:
        if (this.hasListeners("connecting")) this.emit("connecting", decodeConnecting(r, b));
        break;
      case EventType.CONNECTED:
        if (this.hasListeners("connected")) this.emit("connected", { message: decodeStatusMessage(r, b) });
        break;
      case EventType.DISCONNECTED:
        this.emit("disconnected", decodeDisconnected(r, b));
        break;
      case EventType.ERROR:
        this.emit("error", decodeError(r, b));
        break;
      case EventType.OVERFLOW:
        this.emit("overflow", decodeOverflow(r, b));
        break;
      default:
        this.emit("error", {
          errorCode: 0,
          refSeq: 0,
          message: `unexpected event type ${r.type(b)} on a market-data handle`,
        });
    }
  }
}
