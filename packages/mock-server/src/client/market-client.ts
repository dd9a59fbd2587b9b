/**
 * A small TypeScript client of the market server, for tests, benchmarks and scripts.
 */
import { MARKET_CLIENT_ACCEPTS } from "../protocol/directions.js";
import {
  type BaseInfo,
  type Frame,
  type MarketData,
  type MdLoginRsp,
  type MdSubscribeRsp,
  MessageType,
  SubAction,
} from "../protocol/messages.js";
import { BaseClient, type ClientOptions } from "./base-client.js";

/** Events of a {@link MarketClient}. */
export interface MarketClientEvents {
  /** A MARKET_DATA snapshot, as received (prices scaled ×10,000). */
  marketData: [snapshot: MarketData];
  /** A BASE_INFO frame, sent once per newly subscribed code before its first snapshot. */
  baseInfo: [info: BaseInfo];
}

/**
 * Client of the market server: `login()` and `subscribe()` resolve with the server's answer;
 * snapshots and base info arrive as `marketData` and `baseInfo` events. Bodies are the decoded
 * frames, so prices and amounts are integers in yuan × 10,000 (see {@link formatYuan}).
 *
 * @example
 * ```ts
 * const md = await new MarketClient().connect(servers.marketPort);
 * await md.login("demo", "demo123");
 * md.on("marketData", (s) => console.log(s.code, formatYuan(s.last)));
 * await md.subscribe(1, ["600000"]);
 * ```
 */
export class MarketClient extends BaseClient<MarketClientEvents> {
  private lastMdSeq = 0;
  /** Snapshots received, and snapshots the server counted but did not send (mdSeq gaps). */
  readonly mdStats = { received: 0, missed: 0 };

  constructor(options: ClientOptions = {}) {
    super(MARKET_CLIENT_ACCEPTS, options);
  }

  /** Sends MD_LOGIN_REQ; resolves with the MD_LOGIN_RSP, whatever its errorCode. */
  login(user: string, password: string): Promise<MdLoginRsp> {
    return this.request(MessageType.MD_LOGIN_REQ, { user, password }, MessageType.MD_LOGIN_RSP);
  }

  /** Subscribes codes of one market (1 = SH, 2 = SZ); BASE_INFO and snapshots follow. */
  subscribe(market: number, codes: string[]): Promise<MdSubscribeRsp> {
    return this.request(
      MessageType.MD_SUBSCRIBE_REQ,
      { action: SubAction.Subscribe, market, codes },
      MessageType.MD_SUBSCRIBE_RSP,
    );
  }

  /** Unsubscribes codes of one market (1 = SH, 2 = SZ); resolves with the MD_SUBSCRIBE_RSP. */
  unsubscribe(market: number, codes: string[]): Promise<MdSubscribeRsp> {
    return this.request(
      MessageType.MD_SUBSCRIBE_REQ,
      { action: SubAction.Unsubscribe, market, codes },
      MessageType.MD_SUBSCRIBE_RSP,
    );
  }

  /** @internal Emits snapshots and base info, counts mdSeq gaps, settles login/subscribe answers. */
  protected onFrame(frame: Frame): void {
    switch (frame.type) {
      case MessageType.MARKET_DATA: {
        const md = frame.body;
        this.mdStats.received++;
        if (md.mdSeq > this.lastMdSeq + 1) this.mdStats.missed += md.mdSeq - this.lastMdSeq - 1;
        this.lastMdSeq = md.mdSeq;
        this.emit("marketData", md);
        break;
      }
      case MessageType.BASE_INFO:
        this.emit("baseInfo", frame.body);
        break;
      case MessageType.MD_LOGIN_RSP:
      case MessageType.MD_SUBSCRIBE_RSP:
        this.settle(frame.type, frame.body);
        break;
      default:
        break;
    }
  }
}
