import {
  HFT_ACCOUNT_STOCK,
  HFT_QUERY_MAX_NUM,
  MarketCode,
  OrderTypeCode,
  OverflowPolicyCode,
  QueryKindCode,
  SideCode,
} from "./constants.js";
import { HftArgumentError } from "./errors.js";
import { CONN_CONFIG, LOGIN_REQ, ORDER_REQ, QUERY_REQ } from "./layout.js";
import { toScaled } from "./price.js";
import type { Market, OverflowPolicy, QueryKind, RequestOrderType, RequestSide } from "./types.js";

/*
 * Encoding of request structs into Buffers, little-endian (loadHftLibrary refuses big-endian hosts,
 * where the library would read them in its own byte order). Strings are written as UTF-8 and refused (never truncated)
 * when they do not fit with their NUL; numbers are range-checked; prices go through toScaled().
 */

/** Connection settings shared by TraderApi and MdApi (hft_conn_config_t). 0 or absent = the library's default. */
export interface ConnectionOptions {
  /** IPv4 address or host name of the server. */
  host: string;
  port: number;
  /** Default 1000. */
  heartbeatIntervalMs?: number;
  /** Default 5000. */
  heartbeatTimeoutMs?: number;
  /** Default 3000. */
  connectTimeoutMs?: number;
  /** Reconnect backoff start, default 100. */
  reconnectMinMs?: number;
  /** Reconnect backoff cap, default 5000. */
  reconnectMaxMs?: number;
  /** Connect attempts before the first successful login: -1 = forever; absent = the library's default (3). */
  connectRetries?: number;
  /** Event ring capacity in records (rounded up to a power of two), default 65536. */
  eventCapacity?: number;
  /** What the library does when the event ring is full. Default "block". */
  overflowPolicy?: OverflowPolicy;
}

/**
 * Checks that `text` fits a NUL-terminated `char[size]` field, without copying it anywhere (so a
 * password can be checked without leaving a copy behind). Throws HftArgumentError naming `field`.
 */
export function checkString(text: unknown, size: number, field: string): asserts text is string {
  if (typeof text !== "string") throw new HftArgumentError(field, `expected a string, got ${typeof text}`);
  if (text.includes("\0")) throw new HftArgumentError(field, "must not contain a NUL character");
  const length = Buffer.byteLength(text, "utf8");
  if (length > size - 1) {
    throw new HftArgumentError(field, `at most ${size - 1} UTF-8 bytes, got ${length}`);
  }
}

export function writeString(buf: Buffer, offset: number, size: number, text: unknown, field: string): void {
  checkString(text, size, field);
  buf.write(text, offset, "utf8");
}

/**
 * Writes `text` into the `char[size]` field at `offset` of a buffer that may hold an earlier
 * request, NUL-filling the rest of the field; checked as {@link writeString} checks. ASCII (every
 * id and symbol) is copied byte by byte: no `Buffer.byteLength` and `write` calls into C++ on the
 * order path (issue 22).
 */
function rewriteString(buf: Buffer, offset: number, size: number, text: unknown, field: string): void {
  let i = 0;
  if (typeof text === "string" && text.length < size) {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c > 0x7f) break;
      buf[offset + i] = c;
    }
  }
  if (typeof text !== "string" || i < text.length) {
    checkString(text, size, field);
    buf.fill(0, offset, offset + size);
    buf.write(text, offset, "utf8");
    return;
  }
  for (; i < size; i++) buf[offset + i] = 0;
}

function int(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new HftArgumentError(field, `expected an integer ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

function optInt(value: unknown, field: string, min: number, max: number): number {
  return value === undefined ? 0 : int(value, field, min, max);
}

const TWO_32 = 2 ** 32;

/** A safe integer as int64 little-endian, in two 32-bit halves (no BigInt made per call). */
function writeI64(buf: Buffer, offset: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  buf.writeUInt32LE(value - high * TWO_32, offset);
  buf.writeInt32LE(high, offset + 4);
}

const I32_MAX = 2_147_483_647;

export function encodeConnConfig(opts: ConnectionOptions): Buffer {
  if (typeof opts !== "object" || opts === null) throw new HftArgumentError("options", "expected an object");
  const f = CONN_CONFIG.fields;
  const buf = Buffer.alloc(CONN_CONFIG.size);
  if (typeof opts.host !== "string" || opts.host === "")
    throw new HftArgumentError("host", "expected a host name");
  writeString(buf, f.host.offset, f.host.size, opts.host, "host");
  buf.writeUInt16LE(int(opts.port, "port", 1, 65535), f.port.offset);
  buf.writeInt32LE(
    optInt(opts.heartbeatIntervalMs, "heartbeatIntervalMs", 0, I32_MAX),
    f.heartbeat_interval_ms.offset,
  );
  buf.writeInt32LE(
    optInt(opts.heartbeatTimeoutMs, "heartbeatTimeoutMs", 0, I32_MAX),
    f.heartbeat_timeout_ms.offset,
  );
  buf.writeInt32LE(
    optInt(opts.connectTimeoutMs, "connectTimeoutMs", 0, I32_MAX),
    f.connect_timeout_ms.offset,
  );
  buf.writeInt32LE(optInt(opts.reconnectMinMs, "reconnectMinMs", 0, I32_MAX), f.reconnect_min_ms.offset);
  buf.writeInt32LE(optInt(opts.reconnectMaxMs, "reconnectMaxMs", 0, I32_MAX), f.reconnect_max_ms.offset);
  buf.writeInt32LE(optInt(opts.connectRetries, "connectRetries", -1, I32_MAX), f.connect_retries.offset);
  buf.writeUInt32LE(optInt(opts.eventCapacity, "eventCapacity", 0, 1 << 30), f.event_capacity.offset);
  const policy = opts.overflowPolicy ?? "block";
  const policyCode = OverflowPolicyCode[policy];
  if (policyCode === undefined) {
    throw new HftArgumentError(
      "overflowPolicy",
      `expected "block" or "dropMarketData", got ${JSON.stringify(policy)}`,
    );
  }
  buf.writeInt32LE(policyCode, f.overflow_policy.offset);
  return buf;
}

/** Trade login (hft_login_req_t). */
export interface LoginRequest {
  /** 交易用户名 */
  accountId: string;
  /** 交易密码: copied into the native request and wiped from our buffer right after the call. */
  password: string;
  /** 机构代号 */
  custOrgid: string;
  /** 营业部代号 */
  custBranchid: string;
  /** 网关 */
  clSystemId: string;
  /** Vendor AccountType: 1 = cash stock account (default). The vendor shim refuses others by name. */
  accountType?: number;
}

export function encodeLoginReq(req: LoginRequest): Buffer {
  const f = LOGIN_REQ.fields;
  const buf = Buffer.alloc(LOGIN_REQ.size);
  writeString(buf, f.account_id.offset, f.account_id.size, req.accountId, "accountId");
  writeString(buf, f.password.offset, f.password.size, req.password, "password");
  writeString(buf, f.cust_orgid.offset, f.cust_orgid.size, req.custOrgid, "custOrgid");
  writeString(buf, f.cust_branchid.offset, f.cust_branchid.size, req.custBranchid, "custBranchid");
  writeString(buf, f.cl_system_id.offset, f.cl_system_id.size, req.clSystemId, "clSystemId");
  buf.writeInt32LE(int(req.accountType ?? HFT_ACCOUNT_STOCK, "accountType", 1, 255), f.account_type.offset);
  return buf;
}

/** A new order (hft_order_req_t). */
export interface OrderRequest {
  /** Client order id, unique per account and trading day (a resend with the same id is idempotent). */
  clOrderId: string;
  /** Vendor form: "SH.600000" / "SZ.000001". */
  symbol: string;
  orderType: RequestOrderType;
  side: RequestSide;
  /** Shares. */
  volume: number;
  /** Limit price in yuan (at most 4 decimals); ignored (sent as 0) for B5TC. */
  price: number;
}

export function encodeOrderReq(req: OrderRequest): Buffer {
  return encodeOrderReqInto(Buffer.alloc(ORDER_REQ.size), req);
}

/**
 * Encodes `req` into `buf` (`ORDER_REQ.size` bytes), overwriting every field: one buffer can be
 * reused for every order, since the library copies the request during the call. Returns `buf`.
 */
export function encodeOrderReqInto(buf: Buffer, req: OrderRequest): Buffer {
  const f = ORDER_REQ.fields;
  rewriteString(buf, f.cl_order_id.offset, f.cl_order_id.size, req.clOrderId, "clOrderId");
  rewriteString(buf, f.symbol.offset, f.symbol.size, req.symbol, "symbol");
  const orderType: unknown = Object.hasOwn(OrderTypeCode, req.orderType)
    ? OrderTypeCode[req.orderType]
    : undefined;
  if (typeof orderType !== "number")
    throw new HftArgumentError(
      "orderType",
      `expected one of ${Object.keys(OrderTypeCode).join(", ")}, got ${String(req.orderType)}`,
    );
  const side: unknown = Object.hasOwn(SideCode, req.side) ? SideCode[req.side] : undefined;
  if (typeof side !== "number")
    throw new HftArgumentError("side", `expected "Bid" or "Ask", got ${String(req.side)}`);
  writeI64(buf, f.volume.offset, int(req.volume, "volume", 1, Number.MAX_SAFE_INTEGER));
  // Market types carry no price.
  writeI64(buf, f.price.offset, req.orderType === "LMT" ? toScaled("price", req.price) : 0);
  buf.writeInt32LE(orderType, f.order_type.offset);
  buf.writeInt32LE(side, f.side.offset);
  return buf;
}

/** One query page request (hft_query_req_t). */
export interface QueryRequest {
  kind: QueryKind;
  /** Cursor: "" (default) for the first page, else nextPosStr of the previous page. */
  posStr?: string;
  /** Records per page, 1..500, default 500. */
  queryNum?: number;
  /** Filter ("SH.600000"), default all. */
  symbol?: string;
}

export function encodeQueryReq(requestId: number, req: QueryRequest): Buffer {
  const f = QUERY_REQ.fields;
  const buf = Buffer.alloc(QUERY_REQ.size);
  const kind = QueryKindCode[req.kind];
  if (kind === undefined) {
    throw new HftArgumentError(
      "kind",
      `expected one of ${Object.keys(QueryKindCode).join(", ")}, got ${String(req.kind)}`,
    );
  }
  buf.writeUInt32LE(requestId >>> 0, f.request_id.offset);
  buf.writeInt32LE(kind, f.kind.offset);
  writeString(buf, f.pos_str.offset, f.pos_str.size, req.posStr ?? "", "posStr");
  buf.writeInt32LE(
    int(req.queryNum ?? HFT_QUERY_MAX_NUM, "queryNum", 1, HFT_QUERY_MAX_NUM),
    f.query_num.offset,
  );
  writeString(buf, f.symbol.offset, f.symbol.size, req.symbol ?? "", "symbol");
  return buf;
}

/** "SH" | "SZ" | 1 | 2 → 1 | 2. */
export function marketCode(market: Market | 1 | 2): number {
  if (market === 1 || market === 2) return market;
  const code = MarketCode[market];
  if (code === undefined)
    throw new HftArgumentError("market", `expected "SH", "SZ", 1 or 2, got ${String(market)}`);
  return code;
}

/** Consecutive char[8] codes for hft_md_subscribe. */
export function encodeCodes(codes: readonly string[]): Buffer {
  const buf = Buffer.alloc(codes.length * 8);
  codes.forEach((code, i) => {
    writeString(buf, i * 8, 8, code, `codes[${i}]`);
  });
  return buf;
}
