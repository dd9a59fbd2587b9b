import {
  type AccountData,
  type CancelRequest,
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
  EventEngine,
  type EventHandler,
  type GatewayStatusData,
  type LogData,
  LogLevel,
  OmsForwarder,
  type OrderData,
  type OrderRequest,
  type PositionData,
  type SubscribeRequest,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import {
  type ConnectionOptions,
  type ConsumerMessages,
  ErrorCode,
  headers,
  type JsMsg,
  type MsgHdrs,
  type NatsConnection,
  NatsError,
  RequestStrategy,
} from "nats";
import { decode, encode } from "./codec.js";
import { type NatsCredentials, openConnection, secretsOf } from "./connection.js";
import {
  CLIENT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONSUMER_INACTIVE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SUBJECT_PREFIX,
  HEADER_CLIENT,
  HEADER_EPOCH,
  HEADER_OWNER,
  HEADER_REV,
} from "./constants.js";
import { BridgeError, redact } from "./errors.js";
import { OmsView, type Revision } from "./oms-view.js";
import {
  CHUNKED_OPERATIONS,
  type QueryKind,
  type Reply,
  type Snapshot,
  type StatusResult,
} from "./protocol.js";
import { ensureConsumer } from "./stream.js";
import { type RequestOperation, Subjects } from "./subjects.js";

/** Options of {@link NatsBridgeClient.connect}. */
export interface NatsBridgeClientOptions {
  /** NATS server URL(s), e.g. `"nats://10.0.0.5:4222"`. */
  readonly servers: string | readonly string[];
  /** NATS user (with `pass`). Never logged. */
  readonly user?: string;
  /** NATS password. Never logged nor put in errors. */
  readonly pass?: string;
  /** NATS token (instead of user/pass). Never logged nor put in errors. */
  readonly token?: string;
  /** Name of the gateway on the host, e.g. `"HFT"`. */
  readonly gatewayName: string;
  /**
   * Stable id of this strategy process. Names its durable consumer (what it missed while away is
   * replayed on the next connect with the same id) and tags the orders it sends. Two processes
   * running at the same time must use different ids.
   */
  readonly clientId: string;
  /** How long a request waits for the server's answer. Default 5000 ms. */
  readonly requestTimeoutMs?: number;
  /** First subject token(s); must match the server's. Default `"tsgate"`. */
  readonly subjectPrefix?: string;
  /**
   * Which order and trade events reach the local event engine: `"all"` of the gateway (default)
   * or only `"own"` (orders this client id sent). The OMS view always holds all of them.
   */
  readonly orderEvents?: "all" | "own";
  /** The durable consumer is deleted by NATS after this long without this client. Default 7 days. */
  readonly consumerInactiveMs?: number;
  /** Further options of the NATS connection (reconnect policy, TLS...). */
  readonly nats?: Omit<ConnectionOptions, "servers" | "user" | "pass" | "token">;
}

/** Name under which the client writes its own log events on its event engine. */
export const CLIENT_LOG_NAME = "NatsBridgeClient";

const DURABLE_EVENTS = new Set(["eOrder", "eTrade", "ePosition", "eAccount"]);

/**
 * A remote strategy's handle on a gateway hosted elsewhere: the API a local strategy has, over
 * NATS.
 *
 * - Events: a local {@link EventEngine} fed from NATS; `register(eventType(EVENT_TICK, vtSymbol), h)`
 *   works as in-process. Ticks arrive for instruments this client subscribed; contracts, logs
 *   and statuses of the gateway always; orders, trades, positions and accounts from the client's
 *   durable JetStream consumer, each exactly once per client id, including those that happened
 *   while the client was away.
 * - Requests: {@link subscribe}, {@link sendOrder}, {@link cancelOrder}, {@link query},
 *   {@link status} go to the host by request/reply and reject with a {@link BridgeError}.
 * - State: the OMS getters ({@link getAllOrders}, ...) read a local view rebuilt from a snapshot
 *   on connect and kept current by the durable events. The OMS is shared by every client of the
 *   gateway; {@link isMine} tells which orders this client id sent.
 *
 * @example
 * ```ts
 * const client = await NatsBridgeClient.connect({
 *   servers: "nats://gateway-host:4222", user: "strategy-a", pass: process.env.NATS_PASS,
 *   gatewayName: "HFT", clientId: "strategy-a",
 * });
 * client.register(eventType(EVENT_TICK, "600000.SSE"), (e) => console.log(e.data.lastPrice));
 * await client.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }));
 * const vtOrderid = await client.sendOrder(req);
 * ```
 */
export class NatsBridgeClient extends OmsForwarder {
  /** The local event engine the client feeds. */
  readonly eventEngine = new EventEngine();
  /** The local view of the host's OMS; the OMS getters read it. */
  override readonly oms = new OmsView();
  /** Subjects used by this client. */
  readonly subjects: Subjects;

  private connected = true;
  private closing: Promise<void> | undefined;
  private lastSeq = 0;
  private readonly mine = new Set<string>();
  private readonly subscribed = new Map<string, SubscribeRequest>();
  private messages: ConsumerMessages | undefined;
  private readonly requestTimeoutMs: number;
  private readonly ownOnly: boolean;

  private constructor(
    readonly nc: NatsConnection,
    readonly gatewayName: string,
    readonly clientId: string,
    options: NatsBridgeClientOptions,
    private readonly secrets: readonly string[],
  ) {
    super();
    this.subjects = new Subjects(options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX, gatewayName);
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.ownOnly = options.orderEvents === "own";
  }

  /**
   * Connects to NATS, binds this client id's durable consumer, loads a snapshot of the host's OMS
   * and starts receiving events.
   *
   * @throws {@link BridgeError} `BAD_OPTIONS`, `NATS_UNAVAILABLE`, `PERMISSION_DENIED`,
   *   `NO_SERVER` (no bridge server for the gateway) or `REQUEST_TIMEOUT`
   */
  static async connect(options: NatsBridgeClientOptions): Promise<NatsBridgeClient> {
    if (options.clientId === "") throw new BridgeError("BAD_OPTIONS", "clientId must not be empty");
    const subjects = new Subjects(options.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX, options.gatewayName);
    const credentials: NatsCredentials | undefined =
      options.token !== undefined
        ? { token: options.token }
        : options.user !== undefined
          ? { user: options.user, pass: options.pass ?? "" }
          : undefined;
    const servers = typeof options.servers === "string" ? [options.servers] : [...options.servers];
    const nc = await openConnection(
      { ...options.nats, servers },
      credentials,
      `tsgate-client-${options.clientId}`,
    );
    const client = new NatsBridgeClient(
      nc,
      options.gatewayName,
      options.clientId,
      options,
      secretsOf(credentials),
    );
    try {
      await client.start(options.consumerInactiveMs ?? DEFAULT_CONSUMER_INACTIVE_MS, subjects);
    } catch (error) {
      await nc.close();
      if (error instanceof BridgeError) throw error;
      throw new BridgeError(
        "NATS_UNAVAILABLE",
        `cannot start the bridge client: ${client.safeMessage(error)}`,
      );
    }
    return client;
  }

  /** True while the NATS connection is up. Requests made while it is down reject at once. */
  get isConnected(): boolean {
    return this.connected && !this.nc.isClosed();
  }

  /** Registers a handler on the local event engine (same contract as `EventEngine.register`). */
  register<T extends string>(type: T, handler: EventHandler<T>): void {
    this.eventEngine.register(type, handler);
  }

  /** Removes a handler from the local event engine. */
  unregister<T extends string>(type: T, handler: EventHandler<T>): void {
    this.eventEngine.unregister(type, handler);
  }

  /** Registers a handler for every event of the local event engine. */
  registerGeneral(handler: EventHandler): void {
    this.eventEngine.registerGeneral(handler);
  }

  /**
   * Starts receiving ticks of `req.vtSymbol` and asks the host's gateway to subscribe.
   * Ticks are plain pub/sub: those published while this client is away are not replayed.
   */
  async subscribe(req: SubscribeRequest): Promise<void> {
    if (!this.subscribed.has(req.vtSymbol)) {
      this.subscribed.set(req.vtSymbol, req);
      this.nc.subscribe(this.subjects.event("eTick", req.vtSymbol), { callback: this.onPlain });
    }
    await this.request("subscribe", req);
  }

  /**
   * Sends an order through the host's gateway; resolves with its vtOrderid once the gateway
   * accepted the request (the order's progress arrives as events). The order is tagged with this
   * client id.
   */
  async sendOrder(req: OrderRequest): Promise<string> {
    const { vtOrderid } = await this.request<{ vtOrderid: string }>("sendOrder", req);
    this.mine.add(vtOrderid);
    return vtOrderid;
  }

  /** Asks the host's gateway to cancel an order (any order of the gateway). */
  async cancelOrder(req: CancelRequest): Promise<void> {
    await this.request("cancelOrder", req);
  }

  /** Asks the host's OMS directly (bypassing the local view). */
  async query(kind: "orders" | "activeOrders", vtSymbol?: string): Promise<OrderData[]>;
  async query(kind: "trades"): Promise<TradeData[]>;
  async query(kind: "positions"): Promise<PositionData[]>;
  async query(kind: "accounts"): Promise<AccountData[]>;
  async query(kind: "contracts"): Promise<ContractData[]>;
  async query(kind: "ticks"): Promise<TickData[]>;
  async query(kind: QueryKind, vtSymbol?: string): Promise<unknown[]> {
    return this.request<unknown[]>("query", vtSymbol === undefined ? { kind } : { kind, vtSymbol });
  }

  /** The gateway's connection status per side, as the host knows it. */
  async status(): Promise<GatewayStatusData[]> {
    return [...(await this.request<StatusResult>("status", {})).statuses];
  }

  /** True when this client id sent the order (directly, or before a restart). */
  isMine(vtOrderid: string): boolean {
    return this.mine.has(vtOrderid);
  }

  /** Orders this client id sent, from the local OMS view. */
  getMyOrders(): OrderData[] {
    return this.oms.getAllOrders().filter((order) => this.mine.has(order.vtOrderid));
  }

  /** Trades of orders this client id sent, from the local OMS view. */
  getMyTrades(): TradeData[] {
    return this.oms.getAllTrades().filter((trade) => this.mine.has(trade.vtOrderid));
  }

  /**
   * Stops receiving, acknowledges what was handled, closes the connection, delivers the events
   * already received to the local handlers and stops the local event engine. Calling it again
   * returns the same promise. The durable consumer stays: the next connect with the same client
   * id replays what happened meanwhile.
   */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    // Bounded: with NATS down, draining would wait for a reconnect that may never come.
    await withinMs(
      this.messages?.close().catch(() => {}),
      CLIENT_CLOSE_TIMEOUT_MS,
    );
    if (!this.nc.isClosed()) {
      const drained = this.connected
        ? await withinMs(
            this.nc.drain().then(
              () => true,
              () => false,
            ),
            CLIENT_CLOSE_TIMEOUT_MS,
          )
        : false;
      if (drained !== true && !this.nc.isClosed()) await this.nc.close();
    }
    await this.eventEngine.flush();
    this.eventEngine.stop();
  }

  private async start(inactiveMs: number, subjects: Subjects): Promise<void> {
    this.eventEngine.start();
    void this.watchStatus();
    for (const subject of [
      subjects.eventWildcard("eContract"),
      subjects.eventWildcard("eGatewayStatus"),
      subjects.event("eLog"),
    ]) {
      this.nc.subscribe(subject, { callback: this.onPlain });
    }
    this.nc.subscribe(subjects.online(), { callback: () => this.onServerOnline() });
    try {
      await ensureConsumer(await this.nc.jetstreamManager(), subjects, this.clientId, inactiveMs);
    } catch (error) {
      throw this.mapNatsError(error, `binding the durable consumer of stream ${subjects.streamName}`);
    }
    this.applySnapshot(await this.request<Snapshot>("snapshot", {}));
    const consumer = await this.nc
      .jetstream()
      .consumers.get(subjects.streamName, subjects.consumerName(this.clientId));
    this.messages = await consumer.consume({ callback: (msg) => this.onDurable(msg) });
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === "disconnect") {
        this.connected = false;
        this.log(
          "NATS connection lost; requests fail until it is back, events resume after",
          LogLevel.WARNING,
        );
      } else if (status.type === "reconnect") {
        this.connected = true;
        this.log("NATS connection restored");
        this.request<Snapshot>("snapshot", {}).then(
          (snapshot) => this.applySnapshot(snapshot),
          (error) =>
            this.log(
              `refreshing the snapshot after reconnect failed: ${this.safeMessage(error)}`,
              LogLevel.WARNING,
            ),
        );
      }
    }
  }

  // A (re)started bridge server: its gateway knows nothing of our subscriptions.
  private onServerOnline(): void {
    if (this.closing !== undefined) return;
    this.log("the bridge server (re)started; re-sending subscriptions and refreshing the snapshot");
    for (const req of this.subscribed.values()) {
      this.request("subscribe", req).catch((error) =>
        this.log(`re-subscribing ${req.vtSymbol} failed: ${this.safeMessage(error)}`, LogLevel.WARNING),
      );
    }
    this.request<Snapshot>("snapshot", {}).then(
      (snapshot) => this.applySnapshot(snapshot),
      (error) => this.log(`refreshing the snapshot failed: ${this.safeMessage(error)}`, LogLevel.WARNING),
    );
  }

  private applySnapshot(snapshot: Snapshot): void {
    const at: Revision = { epoch: snapshot.epoch, rev: snapshot.rev };
    for (const contract of snapshot.contracts) this.oms.applyContract(contract);
    for (const tick of snapshot.ticks) this.oms.applyTick(tick);
    for (const status of snapshot.statuses) this.oms.applyStatus(status);
    for (const order of snapshot.orders) this.oms.applyOrder(order, at);
    for (const trade of snapshot.trades) this.oms.applyTrade(trade);
    for (const position of snapshot.positions) this.oms.applyPosition(position, at);
    for (const account of snapshot.accounts) this.oms.applyAccount(account, at);
    for (const [vtOrderid, owner] of Object.entries(snapshot.owners))
      if (owner === this.clientId) this.mine.add(vtOrderid);
  }

  private eventName(subject: string): string {
    const rest = subject.slice(this.subjects.root.length + 1);
    const dot = rest.indexOf(".");
    return dot === -1 ? rest : rest.slice(0, dot);
  }

  private readonly onPlain = (error: NatsError | null, msg: { subject: string; data: Uint8Array }): void => {
    if (error !== null || this.closing !== undefined) return;
    const name = this.eventName(msg.subject);
    switch (name) {
      case "eTick": {
        const tick = decode<TickData>(msg.data);
        this.oms.applyTick(tick);
        this.emit(EVENT_TICK, tick, tick.vtSymbol);
        break;
      }
      case "eContract": {
        const contract = decode<ContractData>(msg.data);
        this.oms.applyContract(contract);
        this.emit(EVENT_CONTRACT, contract);
        break;
      }
      case "eGatewayStatus": {
        const status = decode<GatewayStatusData>(msg.data);
        this.oms.applyStatus(status);
        this.emit(EVENT_GATEWAY_STATUS, status, status.gatewayName);
        break;
      }
      case "eLog": {
        const log = decode<LogData>(msg.data);
        this.oms.applyLog(log);
        this.emit(EVENT_LOG, log);
        break;
      }
    }
  };

  private onDurable(msg: JsMsg): void {
    // A redelivery of something already handled (its ack was lost): acknowledge it again only.
    if (msg.seq <= this.lastSeq) {
      msg.ack();
      return;
    }
    const name = this.eventName(msg.subject);
    if (DURABLE_EVENTS.has(name)) {
      const at: Revision = {
        epoch: Number(msg.headers?.get(HEADER_EPOCH) ?? 0),
        rev: Number(msg.headers?.get(HEADER_REV) ?? 0),
      };
      const owner = msg.headers?.get(HEADER_OWNER) ?? "";
      this.handleDurable(name, msg.data, at, owner);
    }
    this.lastSeq = msg.seq;
    msg.ack();
  }

  private handleDurable(name: string, data: Uint8Array, at: Revision, owner: string): void {
    switch (name) {
      case "eOrder": {
        const order = decode<OrderData>(data);
        if (owner === this.clientId) this.mine.add(order.vtOrderid);
        this.oms.applyOrder(order, at);
        if (!this.ownOnly || this.mine.has(order.vtOrderid)) this.emit(EVENT_ORDER, order, order.vtOrderid);
        break;
      }
      case "eTrade": {
        const trade = decode<TradeData>(data);
        if (owner === this.clientId) this.mine.add(trade.vtOrderid);
        this.oms.applyTrade(trade);
        if (!this.ownOnly || this.mine.has(trade.vtOrderid)) this.emit(EVENT_TRADE, trade, trade.vtSymbol);
        break;
      }
      case "ePosition": {
        const position = decode<PositionData>(data);
        this.oms.applyPosition(position, at);
        this.emit(EVENT_POSITION, position, position.vtSymbol);
        break;
      }
      case "eAccount": {
        const account = decode<AccountData>(data);
        this.oms.applyAccount(account, at);
        this.emit(EVENT_ACCOUNT, account, account.vtAccountid);
        break;
      }
    }
  }

  private emit(prefix: string, data: unknown, id?: string): void {
    this.eventEngine.put({ type: prefix, data });
    if (id !== undefined) this.eventEngine.put({ type: `${prefix}${id}`, data });
  }

  private async request<T>(operation: RequestOperation, payload: unknown): Promise<T> {
    if (this.closing !== undefined || this.nc.isClosed()) {
      throw new BridgeError("CLOSED", `${operation} refused: the bridge client is closed`);
    }
    if (!this.connected) {
      throw new BridgeError(
        "NATS_UNAVAILABLE",
        `${operation} not sent: the NATS connection is down (reconnecting); retry when it is back`,
      );
    }
    const h = headers();
    h.set(HEADER_CLIENT, this.clientId);
    const subject = this.subjects.request(operation);
    let data: Uint8Array;
    try {
      data = CHUNKED_OPERATIONS.has(operation)
        ? await this.requestChunks(operation, subject, encode(payload), h)
        : (await this.nc.request(subject, encode(payload), { timeout: this.requestTimeoutMs, headers: h }))
            .data;
    } catch (error) {
      throw this.mapNatsError(error, operation);
    }
    const reply = decode<Reply<T>>(data);
    if (!reply.ok) throw new BridgeError(reply.error.code, reply.error.message);
    return reply.result;
  }

  // Collects a chunked reply: chunks in order, then an empty message (see CHUNKED_OPERATIONS).
  private async requestChunks(
    operation: string,
    subject: string,
    payload: Uint8Array,
    h: MsgHdrs,
  ): Promise<Uint8Array> {
    const replies = await this.nc.requestMany(subject, payload, {
      strategy: RequestStrategy.SentinelMsg,
      maxWait: this.requestTimeoutMs,
      headers: h,
    });
    const chunks: Uint8Array[] = [];
    for await (const msg of replies) {
      if (msg.data.length === 0) return Buffer.concat(chunks);
      chunks.push(msg.data);
    }
    throw NatsError.errorForCode(ErrorCode.Timeout, new Error(`${operation}: reply incomplete`));
  }

  private mapNatsError(error: unknown, what: string): BridgeError {
    if (error instanceof BridgeError) return error;
    const message = this.safeMessage(error);
    const subject = `${this.subjects.root}.req`;
    if (error instanceof NatsError) {
      if (error.code === ErrorCode.NoResponders) {
        return new BridgeError(
          "NO_SERVER",
          `${what}: no bridge server is serving gateway ${this.gatewayName} (nobody listens on ${subject}.*); start NatsBridgeServer.attach on the gateway host`,
        );
      }
      if (error.code === ErrorCode.Timeout) {
        return new BridgeError(
          this.connected ? "REQUEST_TIMEOUT" : "NATS_UNAVAILABLE",
          this.connected
            ? `${what}: no answer within ${this.requestTimeoutMs} ms from the bridge server of gateway ${this.gatewayName}`
            : `${what}: the NATS connection went down before the answer came`,
        );
      }
      if (error.code === ErrorCode.PermissionsViolation || /permissions violation/i.test(message)) {
        return new BridgeError(
          "PERMISSION_DENIED",
          `${what}: NATS refused it (${message}); this user is not allowed on gateway ${this.gatewayName}'s subjects`,
        );
      }
      if (error.code === ErrorCode.Disconnect || error.code === ErrorCode.ConnectionClosed) {
        return new BridgeError("NATS_UNAVAILABLE", `${what}: the NATS connection is down (${message})`);
      }
    }
    return new BridgeError("NATS_UNAVAILABLE", `${what}: ${message}`);
  }

  private safeMessage(error: unknown): string {
    return redact(error instanceof Error ? error.message : String(error), this.secrets);
  }

  private log(msg: string, level: LogLevel = LogLevel.INFO): void {
    const log = createLog({ gatewayName: CLIENT_LOG_NAME, msg: redact(msg, this.secrets), level });
    this.oms.applyLog(log);
    this.eventEngine.put({ type: EVENT_LOG, data: log });
  }
}

/** `promise`'s value, or `undefined` once `ms` have passed. */
async function withinMs<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (promise === undefined) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
