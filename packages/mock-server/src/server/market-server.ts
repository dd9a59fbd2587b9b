/**
 * The market server: market-data login, subscribe/unsubscribe by market and codes, BASE_INFO for
 * each newly subscribed code, and snapshots only to the subscribers of a code, each connection
 * with its own `mdSeq` counter (protocol.md section 5).
 */
import type { Broker } from "../domain/index.js";
import type { FrameConnection } from "../net/frame-connection.js";
import { fitText } from "../net/frame-connection.js";
import { TextSize } from "../protocol/constants.js";
import { MARKET_SERVER_ACCEPTS } from "../protocol/directions.js";
import { encodeFrame, messageTypeName } from "../protocol/frame-codec.js";
import {
  ErrorCode,
  type Frame,
  Market,
  type MarketData,
  type MdSubscribeReq,
  MessageType,
  SubAction,
} from "../protocol/messages.js";
import type { FaultState } from "./faults.js";
import { FramedServer, type FramedServerOptions, Session } from "./framed-server.js";

const MARKET_NAMES: Record<number, string> = { [Market.SH]: "SH", [Market.SZ]: "SZ" };

function keyOf(market: number, code: string): string {
  return `${market}:${code}`;
}

export class MarketSession extends Session {
  user: string | undefined;
  /** Subscribed `market:code` keys. */
  readonly subscriptions = new Set<string>();
  /** Last `mdSeq` used on this connection (sent or dropped). */
  mdSeq = 0;
  /** Snapshots written to this connection. */
  snapshotsSent = 0;
  /** Snapshots skipped on this connection because it was backed up or stalled. */
  snapshotsDropped = 0;

  constructor(id: number, conn: FrameConnection) {
    super(id, "market", conn);
  }

  get principal(): string | undefined {
    return this.user;
  }
}

export class MarketServer extends FramedServer<MarketSession> {
  private readonly subscribers = new Map<string, Set<MarketSession>>();
  /** Snapshots sent (per connection) and dropped because a connection was backed up or stalled. */
  readonly stats = { snapshotsSent: 0, snapshotsDropped: 0 };

  constructor(
    private readonly broker: Broker,
    private readonly faults: FaultState,
    options: FramedServerOptions,
  ) {
    super("market", options, MARKET_SERVER_ACCEPTS);
  }

  /** Sends each snapshot to the subscribers of its code (nothing while market data is paused). */
  publish(snapshots: readonly MarketData[]): void {
    if (this.faults.marketPaused || this.sessions.size === 0) return;
    for (const snap of snapshots) {
      const subs = this.subscribers.get(keyOf(snap.market, snap.code));
      if (subs === undefined || subs.size === 0) continue;
      // Encoded once; each connection patches its frame seq and mdSeq into its copy.
      const frame = encodeFrame(MessageType.MARKET_DATA, 0, snap);
      for (const s of subs) this.sendSnapshot(s, frame);
    }
  }

  protected createSession(id: number, conn: FrameConnection): MarketSession {
    return new MarketSession(id, conn);
  }

  protected override onSessionClosed(session: MarketSession): void {
    for (const key of session.subscriptions) this.subscribers.get(key)?.delete(session);
    session.subscriptions.clear();
  }

  protected onFrame(session: MarketSession, frame: Frame): void {
    if (frame.type === MessageType.MD_LOGIN_REQ) {
      const { user, password } = frame.body;
      const rsp = this.broker.mdLogin(user, password);
      session.conn.send(MessageType.MD_LOGIN_RSP, {
        errorCode: rsp.errorCode,
        errorMsg: fitText(rsp.errorMsg, TextSize.message - 1),
      });
      if (rsp.errorCode === 0) {
        session.user = user;
        this.log(`${session.conn.label}: market login ${user} ok`);
      } else {
        this.log(`${session.conn.label}: market login ${user} failed ${rsp.errorCode}: ${rsp.errorMsg}`);
      }
      return;
    }
    if (session.user === undefined) {
      session.conn.send(MessageType.ERROR, {
        code: ErrorCode.NOT_LOGGED_IN,
        refSeq: frame.seq,
        message: `${messageTypeName(frame.type) ?? frame.type} before login: send MD_LOGIN_REQ first`,
      });
      return;
    }
    if (frame.type === MessageType.MD_SUBSCRIBE_REQ) this.subscribe(session, frame.body);
  }

  private subscribe(session: MarketSession, req: MdSubscribeReq): void {
    const { action, market } = req;
    const marketName = MARKET_NAMES[market];
    if (marketName === undefined) {
      session.conn.send(MessageType.MD_SUBSCRIBE_RSP, {
        action,
        market,
        errorCode: ErrorCode.MD_SUBSCRIBE_BAD_MARKET,
        errorMsg: `invalid market ${market}: expected 1 (SH) or 2 (SZ)`,
        count: 0,
      });
      return;
    }
    const { known, unknown } = this.broker.resolveCodes(market, [...new Set(req.codes)]);
    const added: string[] = [];
    for (const code of known) {
      const key = keyOf(market, code);
      if (action === SubAction.Subscribe) {
        if (session.subscriptions.has(key)) continue;
        session.subscriptions.add(key);
        let set = this.subscribers.get(key);
        if (!set) {
          set = new Set();
          this.subscribers.set(key, set);
        }
        set.add(session);
        added.push(code);
      } else {
        session.subscriptions.delete(key);
        this.subscribers.get(key)?.delete(session);
      }
    }
    const errorMsg =
      unknown.length > 0
        ? fitText(`unknown codes on ${marketName}: ${unknown.join(",")}`, TextSize.message - 1)
        : "";
    session.conn.send(MessageType.MD_SUBSCRIBE_RSP, {
      action,
      market,
      errorCode: unknown.length > 0 ? ErrorCode.MD_SUBSCRIBE_UNKNOWN_CODE : 0,
      errorMsg,
      count: known.length,
    });
    for (const code of added) {
      const info = this.broker.baseInfo(market, code);
      if (info) session.conn.send(MessageType.BASE_INFO, info);
      // The current picture right away, so a subscriber need not wait for the next market step.
      const snap = this.faults.marketPaused ? undefined : this.broker.snapshot(market, code);
      if (snap) this.sendSnapshot(session, encodeFrame(MessageType.MARKET_DATA, 0, snap));
    }
    const verb = action === SubAction.Subscribe ? "subscribe" : "unsubscribe";
    const extra = unknown.length > 0 ? ` (unknown: ${unknown.join(",")})` : "";
    this.log(`${session.conn.label} (${session.user}): ${verb} ${marketName} ${known.join(",")}${extra}`);
  }

  private sendSnapshot(session: MarketSession, frame: Buffer): void {
    session.mdSeq++;
    // mdSeq counts dropped snapshots too: the gap tells the client it lost data.
    if (session.conn.sendEncodedU64(frame, 0, session.mdSeq, true)) {
      this.stats.snapshotsSent++;
      session.snapshotsSent++;
    } else {
      this.stats.snapshotsDropped++;
      session.snapshotsDropped++;
    }
  }
}
