import {
  type AccountData,
  type ContractData,
  createLog,
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TRADE,
  type EventHandler,
  type GatewayStatusData,
  type LogData,
  LogLevel,
  type MainEngine,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import { type ConnectionOptions, headers, type Msg, type NatsConnection, type Subscription } from "nats";
import { decode, encode } from "./codec.js";
import { isNatsConnection, type NatsCredentials, openConnection, secretsOf } from "./connection.js";
import {
  CLOSE_FLUSH_TIMEOUT_MS,
  DEFAULT_SUBJECT_PREFIX,
  HEADER_CLIENT,
  HEADER_EPOCH,
  HEADER_OWNER,
  HEADER_REV,
  NATS_DEFAULT_MAX_PAYLOAD,
  REPLY_CHUNK_MARGIN_BYTES,
  SERVER_QUEUE_GROUP,
} from "./constants.js";
import { DurablePublisher } from "./durable-publisher.js";
import { BridgeError, redact } from "./errors.js";
import {
  CHUNKED_OPERATIONS,
  parseCancelRequest,
  parseOrderRequest,
  parseQueryRequest,
  parseSubscribeRequest,
  type Reply,
  type Snapshot,
  type StatusResult,
} from "./protocol.js";
import { ensureStream, type StreamLimits } from "./stream.js";
import { Subjects } from "./subjects.js";

/** Options of {@link NatsBridgeServer.attach}. */
export interface NatsBridgeServerOptions {
  /** Where to connect (`{ servers: "nats://127.0.0.1:4222" }`), or a connection to reuse (not closed by the bridge). */
  readonly nats: ConnectionOptions | NatsConnection;
  /** The MainEngine gateway to expose; its events and only its events are published. */
  readonly gatewayName: string;
  /** First subject token(s). Default `"tsgate"`. */
  readonly subjectPrefix?: string;
  /**
   * Who may send and cancel orders: `true` (any client NATS lets publish on the request
   * subjects), a list of client ids, or `false` (default: read-only bridge). Client ids are
   * claimed by clients, not authenticated: for hard isolation use NATS permissions (README).
   */
  readonly allowRemoteTrading?: boolean | readonly string[];
  /** NATS user/password or token; never logged. */
  readonly credentials?: NatsCredentials;
  /** Limits of the durable stream. */
  readonly stream?: StreamLimits;
  /**
   * Largest chunk of a snapshot or query reply, in bytes. Default: the NATS server's
   * `max_payload` less 4 KiB. Lower it only to test chunking.
   */
  readonly replyChunkBytes?: number;
}

/** Name under which the bridge writes log events on the host's event engine. */
export const BRIDGE_LOG_NAME = "NatsBridge";

/**
 * The gateway-host side of the bridge: publishes the gateway's events on NATS and serves
 * requests from {@link NatsBridgeClient}s.
 *
 * - Every event of the gateway goes to `<prefix>.<gateway>.<eventName>.<id>` (ticks, contracts,
 *   statuses, logs: plain pub/sub). Orders, trades, positions and accounts are published through
 *   JetStream into the stream `TSGATE_<gateway>` with an (epoch, revision) header, retried until
 *   stored.
 * - Requests on `<prefix>.<gateway>.req.<operation>` are answered with a {@link Reply}.
 *
 * @example
 * ```ts
 * const bridge = await NatsBridgeServer.attach(mainEngine, {
 *   nats: { servers: "nats://127.0.0.1:4222" },
 *   gatewayName: "HFT",
 *   allowRemoteTrading: ["strategy-a", "strategy-b"],
 *   credentials: { user: "gateway", pass: process.env.NATS_PASS ?? "" },
 * });
 * // ...
 * await bridge.close();
 * ```
 */
export class NatsBridgeServer {
  /** Subjects used by this server. */
  readonly subjects: Subjects;
  /** Server incarnation: its start time in ms, carried by every durable event. */
  readonly epoch: number;

  private rev = 0;
  private readonly owners = new Map<string, string>();
  private readonly registrations: Array<readonly [string, EventHandler]> = [];
  private readonly durable: DurablePublisher;
  private subscription: Subscription | undefined;
  private closing: Promise<void> | undefined;
  private replyChunkBytes: number | undefined;

  private constructor(
    private readonly mainEngine: MainEngine,
    readonly nc: NatsConnection,
    private readonly ownsConnection: boolean,
    readonly gatewayName: string,
    private readonly allowTrading: boolean | ReadonlySet<string>,
    private readonly secrets: readonly string[],
    subjects: Subjects,
  ) {
    this.subjects = subjects;
    this.epoch = Date.now();
    this.durable = new DurablePublisher(nc.jetstream(), (msg) => this.log(msg, LogLevel.ERROR));
  }

  /**
   * Connects (unless given a connection), creates or updates the durable stream, starts
   * publishing the gateway's events and serving requests.
   *
   * @throws {@link BridgeError} `BAD_OPTIONS`, `NATS_UNAVAILABLE` or `PERMISSION_DENIED`
   */
  static async attach(mainEngine: MainEngine, options: NatsBridgeServerOptions): Promise<NatsBridgeServer> {
    const subjects = new Subjects(options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX, options.gatewayName);
    const given = isNatsConnection(options.nats);
    const nc = isNatsConnection(options.nats)
      ? options.nats
      : await openConnection(options.nats, options.credentials, `tsgate-bridge-${options.gatewayName}`);
    const allow = options.allowRemoteTrading ?? false;
    const server = new NatsBridgeServer(
      mainEngine,
      nc,
      !given,
      options.gatewayName,
      typeof allow === "boolean" ? allow : new Set(allow),
      secretsOf(options.credentials, given ? undefined : (options.nats as ConnectionOptions)),
      subjects,
    );
    try {
      await ensureStream(await nc.jetstreamManager(), subjects, options.stream);
    } catch (error) {
      if (!given) await nc.close();
      const reason = server.safeMessage(error);
      throw new BridgeError(
        /permissions violation/i.test(reason) ? "PERMISSION_DENIED" : "NATS_UNAVAILABLE",
        `cannot create the JetStream stream ${subjects.streamName}: ${reason} (is nats-server started with -js, and may this user use $JS.API.>?)`,
      );
    }
    server.replyChunkBytes = options.replyChunkBytes;
    server.start();
    return server;
  }

  /** Number of durable events published and not yet confirmed stored by JetStream. */
  get pendingDurable(): number {
    return this.durable.pending;
  }

  /** Resolves when every durable event published so far is stored in JetStream. */
  async flushDurable(): Promise<void> {
    await this.mainEngine.eventEngine.flush();
    await this.durable.idle();
  }

  /**
   * Stops publishing and serving, waits for pending durable events to be stored, and closes the
   * connection if the bridge opened it. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    for (const [type, handler] of this.registrations) this.mainEngine.eventEngine.unregister(type, handler);
    this.subscription?.unsubscribe();
    if (!this.nc.isClosed()) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_FLUSH_TIMEOUT_MS);
      });
      await Promise.race([this.durable.idle(), this.nc.closed(), bound]);
      clearTimeout(timer);
      if (this.durable.pending > 0) {
        this.log(
          `closing with ${this.durable.pending} durable event(s) not confirmed stored`,
          LogLevel.WARNING,
        );
      }
    }
    this.durable.close();
    if (this.ownsConnection && !this.nc.isClosed()) await this.nc.drain();
  }

  private start(): void {
    const gw = this.gatewayName;
    const on = <T extends string>(type: T, handler: EventHandler<T>): void => {
      this.mainEngine.eventEngine.register(type, handler);
      this.registrations.push([type, handler as unknown as EventHandler]);
    };
    on(EVENT_TICK, (e) => this.plain(e.data, "eTick", (d: TickData) => d.vtSymbol));
    on(EVENT_CONTRACT, (e) => this.plain(e.data, "eContract", (d: ContractData) => d.vtSymbol));
    on(EVENT_GATEWAY_STATUS, (e) =>
      this.plain(e.data, "eGatewayStatus", (d: GatewayStatusData) => d.gatewayName),
    );
    on(EVENT_LOG, (e) => this.plain(e.data, "eLog", (_: LogData) => undefined));
    on(EVENT_ORDER, (e) =>
      this.durableEvent(e.data, "eOrder", (d: OrderData) => d.vtOrderid, e.data.vtOrderid),
    );
    on(EVENT_TRADE, (e) =>
      this.durableEvent(e.data, "eTrade", (d: TradeData) => d.vtSymbol, e.data.vtOrderid),
    );
    on(EVENT_POSITION, (e) => this.durableEvent(e.data, "ePosition", (d: PositionData) => d.vtSymbol));
    on(EVENT_ACCOUNT, (e) => this.durableEvent(e.data, "eAccount", (d: AccountData) => d.vtAccountid));
    this.subscription = this.nc.subscribe(this.subjects.requestWildcard(), {
      queue: SERVER_QUEUE_GROUP,
      callback: (error, msg) => {
        if (error === null) this.serve(msg);
        else this.log(`request subscription failed: ${this.safeMessage(error)}`, LogLevel.ERROR);
      },
    });
    void this.watchStatus();
    this.nc.publish(this.subjects.online(), encode({ epoch: this.epoch }));
    this.log(`bridging gateway ${gw} on ${this.subjects.root}.> (stream ${this.subjects.streamName})`);
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (this.closing !== undefined) return;
      if (status.type === "disconnect") {
        this.log(
          "NATS connection lost; the gateway keeps running, durable events are kept for JetStream",
          LogLevel.WARNING,
        );
      } else if (status.type === "reconnect") {
        this.log("NATS connection restored");
        this.durable.resendUnconfirmed();
      }
    }
  }

  private plain<D extends { gatewayName: string }>(
    data: D,
    name: string,
    id: (d: D) => string | undefined,
  ): void {
    if (data.gatewayName !== this.gatewayName || this.closing !== undefined) return;
    this.nc.publish(this.subjects.event(name, id(data)), encode(data));
  }

  private durableEvent<D extends { gatewayName: string }>(
    data: D,
    name: string,
    id: (d: D) => string,
    vtOrderid?: string,
  ): void {
    if (data.gatewayName !== this.gatewayName || this.closing !== undefined) return;
    this.rev += 1;
    const h = headers();
    h.set(HEADER_EPOCH, String(this.epoch));
    h.set(HEADER_REV, String(this.rev));
    const owner = vtOrderid === undefined ? undefined : this.owners.get(vtOrderid);
    if (owner !== undefined) h.set(HEADER_OWNER, owner);
    this.durable.publish(this.subjects.event(name, id(data)), encode(data), h, `${this.epoch}.${this.rev}`);
  }

  private serve(msg: Msg): void {
    if (msg.reply === undefined || msg.reply === "") return;
    const operation = msg.subject.slice(msg.subject.lastIndexOf(".") + 1);
    const clientId = msg.headers?.get(HEADER_CLIENT) ?? "";
    let reply: Reply<unknown>;
    try {
      reply = {
        ok: true,
        result: this.handle(operation, clientId, msg.data.length === 0 ? {} : decode(msg.data)),
      };
    } catch (error) {
      const wire =
        error instanceof BridgeError
          ? error.toWire()
          : { code: "GATEWAY_ERROR" as const, message: `${operation} failed: ${this.safeMessage(error)}` };
      reply = { ok: false, error: { code: wire.code, message: redact(wire.message, this.secrets) } };
    }
    const bytes = encode(reply);
    if (!CHUNKED_OPERATIONS.has(operation)) {
      msg.respond(bytes);
      return;
    }
    const size = this.chunkSize();
    for (let offset = 0; offset < bytes.length; offset += size)
      msg.respond(bytes.subarray(offset, offset + size));
    msg.respond(new Uint8Array(0));
  }

  private chunkSize(): number {
    const limit = (this.nc.info?.max_payload ?? NATS_DEFAULT_MAX_PAYLOAD) - REPLY_CHUNK_MARGIN_BYTES;
    return Math.max(1, Math.min(limit, this.replyChunkBytes ?? limit));
  }

  private handle(operation: string, clientId: string, payload: unknown): unknown {
    const main = this.mainEngine;
    const gw = this.gatewayName;
    switch (operation) {
      case "subscribe":
        main.subscribe(parseSubscribeRequest(payload), gw);
        return null;
      case "sendOrder": {
        this.checkTrading(clientId, operation);
        const vtOrderid = main.sendOrder(parseOrderRequest(payload), gw);
        // Set before the gateway's SUBMITTING event is dispatched (delivery is asynchronous).
        if (clientId !== "") this.owners.set(vtOrderid, clientId);
        return { vtOrderid };
      }
      case "cancelOrder":
        this.checkTrading(clientId, operation);
        main.cancelOrder(parseCancelRequest(payload), gw);
        return null;
      case "query":
        return this.query(payload);
      case "status":
        return { statuses: this.mine(main.oms.getAllGatewayStatuses()) } satisfies StatusResult;
      case "snapshot":
        return this.snapshot();
      default:
        throw new BridgeError("BAD_REQUEST", `unknown operation "${operation}"`);
    }
  }

  private query(payload: unknown): unknown[] {
    const q = parseQueryRequest(payload);
    const main = this.mainEngine;
    switch (q.kind) {
      case "orders":
        return this.mine(main.getAllOrders());
      case "activeOrders":
        return this.mine(main.getAllActiveOrders(q.vtSymbol));
      case "trades":
        return this.mine(main.getAllTrades());
      case "positions":
        return this.mine(main.getAllPositions());
      case "accounts":
        return this.mine(main.getAllAccounts());
      case "contracts":
        return this.mine(main.getAllContracts());
      case "ticks":
        return this.mine(main.getAllTicks());
    }
  }

  // Served between event-engine batches, so the OMS holds exactly the events up to `rev`.
  private snapshot(): Snapshot {
    const main = this.mainEngine;
    const owners: Record<string, string> = {};
    for (const [vtOrderid, clientId] of this.owners) owners[vtOrderid] = clientId;
    return {
      epoch: this.epoch,
      rev: this.rev,
      orders: this.mine(main.getAllOrders()),
      trades: this.mine(main.getAllTrades()),
      positions: this.mine(main.getAllPositions()),
      accounts: this.mine(main.getAllAccounts()),
      contracts: this.mine(main.getAllContracts()),
      ticks: this.mine(main.getAllTicks()),
      statuses: this.mine(main.oms.getAllGatewayStatuses()),
      owners,
    };
  }

  private mine<D extends { gatewayName: string }>(items: readonly D[]): D[] {
    return items.filter((item) => item.gatewayName === this.gatewayName);
  }

  private checkTrading(clientId: string, operation: string): void {
    const allow = this.allowTrading;
    if (allow === true || (allow !== false && allow.has(clientId))) return;
    throw new BridgeError(
      "TRADING_NOT_ALLOWED",
      allow === false
        ? `${operation} refused: the bridge of gateway ${this.gatewayName} is read-only (start it with allowRemoteTrading)`
        : `${operation} refused: client "${clientId}" is not in allowRemoteTrading of gateway ${this.gatewayName}`,
    );
  }

  private safeMessage(error: unknown): string {
    return redact(error instanceof Error ? error.message : String(error), this.secrets);
  }

  private log(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.mainEngine.eventEngine.put({
      type: EVENT_LOG,
      data: createLog({ gatewayName: BRIDGE_LOG_NAME, msg: redact(msg, this.secrets), level }),
    });
  }
}
