/**
 * The protocol test vectors (docs/protocol-vectors.json), built with the TS codec.
 * `gen-vectors.ts` writes them; `test/protocol-vectors.test.ts` checks that the committed file
 * equals this output and that the codec decodes and encodes every vector both ways.
 */
import {
  Board,
  ErrorCode,
  encodeFrame,
  HEADER_SIZE,
  Market,
  type MessageBodyMap,
  MessageType,
  type MessageTypeName,
  messageTypeName,
  type OrderReport,
  OrderStatus,
  OrderType,
  QueryKind,
  RiskLevel,
  SecurityType,
  Side,
  SubAction,
  type TradeReport,
} from "../src/protocol/index.js";

export interface Vector {
  name: string;
  type: number;
  typeName: MessageTypeName;
  seq: number;
  hex: string;
  message: unknown;
}

export interface InvalidVector {
  name: string;
  hex: string;
  expectedError: number;
}

export interface VectorFile {
  version: 1;
  vectors: Vector[];
  invalid: InvalidVector[];
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const orderNew: OrderReport = {
  reportSeq: 42,
  orderId: "O20260126000007",
  clOrderId: "A1",
  symbol: "SH.600000",
  side: Side.Bid,
  orderType: OrderType.LMT,
  status: OrderStatus.New,
  price: 102300,
  volume: 1000,
  filledVolume: 0,
  filledAmount: 0,
  canceledVolume: 0,
  frozenCash: 10_235_115,
  errorCode: 0,
  errorMsg: "",
  tradingDay: 20260126,
  createTime: 93000500,
  updateTime: 93000500,
};

const orderPartCanceled: OrderReport = {
  reportSeq: 45,
  orderId: "O20260126000008",
  clOrderId: "strategy-7/2026-01-26/000123",
  symbol: "SZ.300750",
  side: Side.Ask,
  orderType: OrderType.B5TC,
  status: OrderStatus.PartiallyCanceled,
  price: 0,
  volume: 1_000_000,
  filledVolume: 999_900,
  filledAmount: 2_523_247_650_000,
  canceledVolume: 100,
  frozenCash: 0,
  errorCode: 0,
  errorMsg: "",
  tradingDay: 20260126,
  createTime: 145659999,
  updateTime: 150000000,
};

const orderRejected: OrderReport = {
  reportSeq: 46,
  orderId: "",
  clOrderId: "A3",
  symbol: "SH.688981",
  side: Side.Bid,
  orderType: OrderType.LMT,
  status: OrderStatus.Rejected,
  price: 1_000_100,
  volume: 150,
  filledVolume: 0,
  filledAmount: 0,
  canceledVolume: 0,
  frozenCash: 0,
  errorCode: ErrorCode.ORDER_STAR_MIN_VOLUME,
  errorMsg: "科创板买入数量不得少于200股 (STAR board buy below 200 shares)",
  tradingDay: 20260126,
  createTime: 100000000,
  updateTime: 100000000,
};

const trade1: TradeReport = {
  reportSeq: 44,
  tradeId: "T20260126000001",
  orderId: "O20260126000007",
  clOrderId: "A1",
  symbol: "SH.600000",
  side: Side.Bid,
  price: 102300,
  volume: 1000,
  amount: 102_300_000,
  fee: 50_000,
  tradingDay: 20260126,
  tradeTime: 93000510,
};

const trade2: TradeReport = {
  reportSeq: MAX_SAFE,
  tradeId: "T20260126999999",
  orderId: "O20260126000008",
  clOrderId: "strategy-7/2026-01-26/000123",
  symbol: "SZ.300750",
  side: Side.Ask,
  price: 2_523_500,
  volume: 999_900,
  amount: 2_523_247_650_000,
  fee: 1_388_043_300,
  tradingDay: 20260126,
  tradeTime: 145959999,
};

function vector<T extends MessageType>(
  name: string,
  type: T,
  seq: number,
  message: MessageBodyMap[T],
): Vector {
  return {
    name,
    type,
    typeName: messageTypeName(type)!,
    seq,
    hex: encodeFrame(type, seq, message).toString("hex"),
    message,
  };
}

function vectors(): Vector[] {
  return [
    vector("heartbeat", MessageType.HEARTBEAT, 1, {}),
    vector("heartbeat with the largest seq", MessageType.HEARTBEAT, 0xffff_ffff, {}),
    vector("error: request before login", MessageType.ERROR, 2, {
      code: ErrorCode.NOT_LOGGED_IN,
      refSeq: 1,
      message: "login first: ORDER_REQ before LOGIN_REQ",
    }),
    vector("error: heartbeat timeout, Chinese text", MessageType.ERROR, 9, {
      code: ErrorCode.HEARTBEAT_TIMEOUT,
      refSeq: 0,
      message: "心跳超时 (no frame for 5000 ms)",
    }),
    vector("login request", MessageType.LOGIN_REQ, 1, {
      accountId: "demo001",
      accountType: 1,
      password: "p@ss-w0rd",
      custOrgid: "0000",
      custBranchid: "9999",
      clSystemId: "HFT",
    }),
    vector("login request, longest texts (31/63/15/15/31 bytes)", MessageType.LOGIN_REQ, 3, {
      accountId: "a".repeat(31),
      accountType: 7,
      password: "密".repeat(21),
      custOrgid: "o".repeat(15),
      custBranchid: "b".repeat(15),
      clSystemId: "s".repeat(31),
    }),
    vector("login response: success", MessageType.LOGIN_RSP, 1, {
      errorCode: 0,
      errorMsg: "",
      accountId: "demo001",
      tradingDay: 20260126,
      lastReportSeq: 41,
    }),
    vector("login response: wrong password", MessageType.LOGIN_RSP, 2, {
      errorCode: ErrorCode.LOGIN_WRONG_PASSWORD,
      errorMsg: "交易密码错误 (wrong password for account demo001)",
      accountId: "demo001",
      tradingDay: 20260126,
      lastReportSeq: 0,
    }),
    vector("report subscribe from 0", MessageType.REPORT_SUBSCRIBE_REQ, 2, { afterSeq: 0 }),
    vector("report subscribe, largest safe afterSeq", MessageType.REPORT_SUBSCRIBE_REQ, 3, {
      afterSeq: MAX_SAFE,
    }),
    vector("order request: limit buy 1000 @ 10.23", MessageType.ORDER_REQ, 4, {
      clOrderId: "A1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 1000,
      price: 102300,
    }),
    vector("order request: B5TC sell, price 0", MessageType.ORDER_REQ, 5, {
      clOrderId: "A2",
      symbol: "SZ.000001",
      orderType: OrderType.B5TC,
      side: Side.Ask,
      volume: 300,
      price: 0,
    }),
    vector("order request: negative volume and bad side pass the codec", MessageType.ORDER_REQ, 6, {
      clOrderId: "A3",
      symbol: "SZ.000001",
      orderType: 9,
      side: 0,
      volume: -100,
      price: -(2 ** 40),
    }),
    vector("order response: accepted", MessageType.ORDER_RSP, 4, {
      clOrderId: "A1",
      orderId: "O20260126000007",
      errorCode: 0,
      errorMsg: "",
    }),
    vector("order response: rejected, price above limit-up", MessageType.ORDER_RSP, 5, {
      clOrderId: "A4",
      orderId: "",
      errorCode: ErrorCode.ORDER_ABOVE_LIMIT_UP,
      errorMsg: "价格超过涨停价 11.25 (price 11.30 above limit-up 11.25)",
    }),
    vector("cancel request by order id", MessageType.CANCEL_REQ, 7, {
      orderId: "O20260126000007",
      clOrderId: "",
    }),
    vector("cancel request by client order id", MessageType.CANCEL_REQ, 8, { orderId: "", clOrderId: "A1" }),
    vector("cancel response: accepted", MessageType.CANCEL_RSP, 7, {
      orderId: "O20260126000007",
      clOrderId: "A1",
      status: OrderStatus.Canceling,
      errorCode: 0,
      errorMsg: "",
    }),
    vector("cancel response: already final", MessageType.CANCEL_RSP, 8, {
      orderId: "O20260126000006",
      clOrderId: "A0",
      status: OrderStatus.CancelRejected,
      errorCode: ErrorCode.CANCEL_ALREADY_FINAL,
      errorMsg: "order O20260126000006 is already Filled",
    }),
    vector("order report: New", MessageType.ORDER_REPORT, 10, orderNew),
    vector("order report: PartiallyCanceled, large amounts", MessageType.ORDER_REPORT, 11, orderPartCanceled),
    vector("order report: Rejected with Chinese reason", MessageType.ORDER_REPORT, 12, orderRejected),
    // ABI 3: SZSE's market types IOC (3) and AON (4) on the wire.
    vector("order report: AON cancelled whole (SZSE 全额成交或撤销)", MessageType.ORDER_REPORT, 13, {
      ...orderPartCanceled,
      reportSeq: 47,
      orderType: OrderType.AON,
      status: OrderStatus.CancelFilled,
      side: Side.Bid,
      volume: 300,
      filledVolume: 0,
      filledAmount: 0,
      canceledVolume: 300,
    }),
    vector("order request: IOC buy, price 0 (SZSE 即时成交剩余撤销)", MessageType.ORDER_REQ, 14, {
      clOrderId: "A5",
      symbol: "SZ.000001",
      orderType: OrderType.IOC,
      side: Side.Bid,
      volume: 500,
      price: 0,
    }),
    vector("trade report", MessageType.TRADE_REPORT, 13, trade1),
    vector("trade report: largest safe reportSeq", MessageType.TRADE_REPORT, 14, trade2),
    vector("risk notify", MessageType.RISK_NOTIFY, 15, {
      level: RiskLevel.Warning,
      code: -1,
      message: "可用资金不足10% (available cash below 10%)",
    }),
    vector("query request: first page of orders", MessageType.QUERY_REQ, 16, {
      requestId: 1,
      kind: QueryKind.Orders,
      posStr: "",
      queryNum: 500,
      symbol: "",
    }),
    vector("query request: positions of one symbol, next page", MessageType.QUERY_REQ, 17, {
      requestId: 0xffff_ffff,
      kind: QueryKind.Positions,
      posStr: "500",
      queryNum: 1,
      symbol: "SH.600000",
    }),
    vector("query response: orders, 2 records", MessageType.QUERY_RSP, 18, {
      requestId: 1,
      kind: QueryKind.Orders,
      errorCode: 0,
      errorMsg: "",
      nextPosStr: "2",
      isLast: false,
      records: [orderNew, orderRejected],
    }),
    vector("query response: trades, 2 records", MessageType.QUERY_RSP, 19, {
      requestId: 2,
      kind: QueryKind.Trades,
      errorCode: 0,
      errorMsg: "",
      nextPosStr: "",
      isLast: true,
      records: [trade1, trade2],
    }),
    vector("query response: positions, 2 records, negative pnl", MessageType.QUERY_RSP, 20, {
      requestId: 3,
      kind: QueryKind.Positions,
      errorCode: 0,
      errorMsg: "",
      nextPosStr: "",
      isLast: true,
      records: [
        {
          symbol: "SH.600000",
          volume: 10_500,
          ydVolume: 10_000,
          availableVolume: 9_000,
          frozenVolume: 1_000,
          todayBuyVolume: 500,
          costAmount: 1_074_155_000,
          costPrice: 102_300,
          lastPrice: 101_900,
          marketValue: 1_069_950_000,
          pnl: -4_205_000,
        },
        {
          symbol: "SZ.000001",
          volume: 0,
          ydVolume: 0,
          availableVolume: 0,
          frozenVolume: 0,
          todayBuyVolume: 0,
          costAmount: 0,
          costPrice: 0,
          lastPrice: 120_000,
          marketValue: 0,
          pnl: -MAX_SAFE,
        },
      ],
    }),
    vector("query response: cash, 2 records", MessageType.QUERY_RSP, 21, {
      requestId: 4,
      kind: QueryKind.Cash,
      errorCode: 0,
      errorMsg: "",
      nextPosStr: "",
      isLast: true,
      records: [
        {
          accountId: "demo001",
          balance: 10_000_000_000,
          available: 9_897_649_885,
          frozen: 102_350_115,
          marketValue: 1_069_950_000,
          totalAsset: 11_069_950_000,
          totalFee: 50_000,
        },
        {
          accountId: "演示账户",
          balance: 0,
          available: 0,
          frozen: 0,
          marketValue: 0,
          totalAsset: 0,
          totalFee: 0,
        },
      ],
    }),
    vector("query response: securities, 2 records, Chinese names", MessageType.QUERY_RSP, 22, {
      requestId: 5,
      kind: QueryKind.Securities,
      errorCode: 0,
      errorMsg: "",
      nextPosStr: "",
      isLast: true,
      records: [
        {
          symbol: "SH.600000",
          name: "浦发银行",
          securityType: SecurityType.Stock,
          board: Board.Main,
          preClose: 102_300,
          limitUp: 112_500,
          limitDown: 92_100,
          priceTick: 100,
          lotSize: 100,
          minBuyVolume: 100,
        },
        {
          symbol: "SH.688981",
          name: "中芯国际",
          securityType: SecurityType.Stock,
          board: Board.STAR,
          preClose: 1_000_000,
          limitUp: 1_200_000,
          limitDown: 800_000,
          priceTick: 100,
          lotSize: 1,
          minBuyVolume: 200,
        },
      ],
    }),
    vector("query response: empty result", MessageType.QUERY_RSP, 23, {
      requestId: 6,
      kind: QueryKind.Trades,
      errorCode: 0,
      errorMsg: "",
      nextPosStr: "",
      isLast: true,
      records: [],
    }),
    vector("query response: error 4003 echoes an invalid kind", MessageType.QUERY_RSP, 24, {
      requestId: 7,
      kind: 9,
      errorCode: ErrorCode.QUERY_BAD_KIND,
      errorMsg: "query kind 9 is not one of 1-5",
      nextPosStr: "",
      isLast: true,
      records: [],
    }),
    vector("market login request", MessageType.MD_LOGIN_REQ, 1, { user: "md001", password: "行情密码" }),
    vector("market login response: success", MessageType.MD_LOGIN_RSP, 1, { errorCode: 0, errorMsg: "" }),
    vector("market login response: unknown user", MessageType.MD_LOGIN_RSP, 2, {
      errorCode: ErrorCode.MD_LOGIN_UNKNOWN_USER,
      errorMsg: "unknown market-data user md999",
    }),
    vector("subscribe: 3 codes on SH", MessageType.MD_SUBSCRIBE_REQ, 2, {
      action: SubAction.Subscribe,
      market: Market.SH,
      codes: ["600000", "600519", "688981"],
    }),
    vector("unsubscribe: 1 code on SZ", MessageType.MD_SUBSCRIBE_REQ, 3, {
      action: SubAction.Unsubscribe,
      market: Market.SZ,
      codes: ["000001"],
    }),
    vector(
      "subscribe: longest code (7 bytes) and bad market pass the codec",
      MessageType.MD_SUBSCRIBE_REQ,
      4,
      {
        action: SubAction.Subscribe,
        market: 3,
        codes: ["1234567", "", "300750"],
      },
    ),
    vector("subscribe response: ok", MessageType.MD_SUBSCRIBE_RSP, 2, {
      action: SubAction.Subscribe,
      market: Market.SH,
      errorCode: 0,
      errorMsg: "",
      count: 3,
    }),
    vector("subscribe response: some codes unknown", MessageType.MD_SUBSCRIBE_RSP, 3, {
      action: SubAction.Subscribe,
      market: Market.SZ,
      errorCode: ErrorCode.MD_SUBSCRIBE_UNKNOWN_CODE,
      errorMsg: "unknown codes on SZ: 999999",
      count: 1,
    }),
    vector("market data: 5 levels", MessageType.MARKET_DATA, 5, {
      mdSeq: 1,
      market: Market.SH,
      code: "600000",
      tradingDay: 20260126,
      time: 93000500,
      preClose: 102_300,
      open: 102_300,
      high: 103_000,
      low: 101_900,
      last: 102_500,
      limitUp: 112_500,
      limitDown: 92_100,
      volume: 1_234_500,
      turnover: 126_539_250_000,
      bidPrice: [102_400, 102_300, 102_200, 102_100, 102_000],
      bidVolume: [1_200, 3_400, 500, 10_000, 100],
      askPrice: [102_500, 102_600, 102_700, 102_800, 102_900],
      askVolume: [800, 2_000, 300, 4_500, 900],
    }),
    vector("market data: empty levels, large cumulative values", MessageType.MARKET_DATA, 6, {
      mdSeq: MAX_SAFE,
      market: Market.SZ,
      code: "300750",
      tradingDay: 20260126,
      time: 150000000,
      preClose: 2_500_000,
      open: 2_510_000,
      high: 3_000_000,
      low: 2_000_000,
      last: 3_000_000,
      limitUp: 3_000_000,
      limitDown: 2_000_000,
      volume: 9_000_000_000_000,
      turnover: MAX_SAFE,
      bidPrice: [3_000_000, 2_999_900, 0, 0, 0],
      bidVolume: [123_456_700, 100, 0, 0, 0],
      askPrice: [0, 0, 0, 0, 0],
      askVolume: [0, 0, 0, 0, 0],
    }),
    vector("base info: 浦发银行", MessageType.BASE_INFO, 3, {
      market: Market.SH,
      code: "600000",
      name: "浦发银行",
      securityType: SecurityType.Stock,
      preClose: 102_300,
      limitUp: 112_500,
      limitDown: 92_100,
    }),
    vector("base info: ETF, name of exactly 63 UTF-8 bytes", MessageType.BASE_INFO, 4, {
      market: Market.SH,
      code: "510300",
      name: "华泰柏瑞沪深300交易型开放式指数证券投资基金",
      securityType: SecurityType.ETF,
      preClose: 39_870,
      limitUp: 43_860,
      limitDown: 35_880,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Malformed frames

function header(length: number, type: number, version: number, seq: number): Buffer {
  const b = Buffer.alloc(HEADER_SIZE);
  b.writeUInt32LE(length, 0);
  b.writeUInt16LE(type, 4);
  b.writeUInt16LE(version, 6);
  b.writeUInt32LE(seq, 8);
  return b;
}

function frameOf<T extends MessageType>(type: T, body: MessageBodyMap[T], seq = 1): Buffer {
  return encodeFrame(type, seq, body);
}

/** A copy of `frame` with `mutate` applied to the payload (offsets are payload offsets). */
function patched(frame: Buffer, mutate: (payload: Buffer) => void): Buffer {
  const copy = Buffer.from(frame);
  mutate(copy.subarray(HEADER_SIZE));
  return copy;
}

/** A frame with the given payload bytes under a correct length field. */
function raw(type: number, payload: Buffer, version = 1, seq = 1): Buffer {
  return Buffer.concat([header(8 + payload.length, type, version, seq), payload]);
}

function invalid(): InvalidVector[] {
  const orderReq = frameOf(MessageType.ORDER_REQ, {
    clOrderId: "A1",
    symbol: "SH.600000",
    orderType: OrderType.LMT,
    side: Side.Bid,
    volume: 100,
    price: 102300,
  });
  const orderReport = frameOf(MessageType.ORDER_REPORT, orderNew);
  const md = Buffer.from((vectors().find((v) => v.typeName === "MARKET_DATA") as Vector).hex, "hex");
  const login = Buffer.from((vectors().find((v) => v.typeName === "LOGIN_REQ") as Vector).hex, "hex");
  const queryOrders = Buffer.from(
    (vectors().find((v) => v.name === "query response: orders, 2 records") as Vector).hex,
    "hex",
  );
  const subscribe = frameOf(MessageType.MD_SUBSCRIBE_REQ, {
    action: SubAction.Subscribe,
    market: Market.SH,
    codes: ["600000"],
  });
  const baseInfo = Buffer.from((vectors().find((v) => v.typeName === "BASE_INFO") as Vector).hex, "hex");
  const list: [string, Buffer, number][] = [
    ["length 0", Buffer.from("00000000", "hex"), ErrorCode.MALFORMED_FRAME],
    [
      "length 7: below the 8-byte minimum",
      Buffer.concat([Buffer.from("07000000", "hex"), Buffer.alloc(7)]),
      9001,
    ],
    ["length 1 MiB + 1: oversized (header only)", header(1_048_577, MessageType.HEARTBEAT, 1, 1), 9002],
    ["length 0xFFFFFFFF: oversized (header only)", header(0xffff_ffff, MessageType.ORDER_REQ, 1, 1), 9002],
    ["oversized length wins over a bad version", header(2_000_000, 0x7777, 9, 1), 9002],
    ["unknown type 0x7777", raw(0x7777, Buffer.alloc(0)), ErrorCode.UNKNOWN_MESSAGE_TYPE],
    ["unknown type 0x0000", raw(0x0000, Buffer.alloc(4)), 9003],
    ["unknown type 0x0300", raw(0x0300, Buffer.alloc(0)), 9003],
    ["version 2", raw(MessageType.HEARTBEAT, Buffer.alloc(0), 2), ErrorCode.UNSUPPORTED_VERSION],
    ["version 0", raw(MessageType.ORDER_REQ, orderReq.subarray(HEADER_SIZE), 0), 9004],
    ["bad version wins over an unknown type", raw(0x7777, Buffer.alloc(0), 3), 9004],
    [
      "heartbeat with a 1-byte payload",
      raw(MessageType.HEARTBEAT, Buffer.alloc(1)),
      ErrorCode.MALFORMED_FRAME,
    ],
    [
      "ORDER_REQ with a 65-byte payload",
      raw(MessageType.ORDER_REQ, orderReq.subarray(HEADER_SIZE, -1)),
      9001,
    ],
    [
      "ORDER_REQ with a 67-byte payload",
      raw(MessageType.ORDER_REQ, Buffer.concat([orderReq.subarray(HEADER_SIZE), Buffer.alloc(1)])),
      9001,
    ],
    ["LOGIN_REQ accountId without NUL", patched(login, (p) => p.fill(0x61, 0, 32)), 9001],
    ["MARKET_DATA code without NUL", patched(md, (p) => p.fill(0x31, 9, 17)), 9001],
    ["ORDER_REPORT status 11", patched(orderReport, (p) => p.writeUInt8(11, 90)), 9001],
    ["ORDER_REPORT side 0", patched(orderReport, (p) => p.writeUInt8(0, 88)), 9001],
    ["MARKET_DATA market 3", patched(md, (p) => p.writeUInt8(3, 8)), 9001],
    ["BASE_INFO securityType 6", patched(baseInfo, (p) => p.writeUInt8(6, 73)), 9001],
    ["MD_SUBSCRIBE_REQ action 3", patched(subscribe, (p) => p.writeUInt8(3, 0)), 9001],
    ["MD_SUBSCRIBE_REQ count 0", raw(MessageType.MD_SUBSCRIBE_REQ, Buffer.from("01010000", "hex")), 9001],
    ["MD_SUBSCRIBE_REQ count 2 with one code", patched(subscribe, (p) => p.writeUInt16LE(2, 2)), 9001],
    [
      "MD_SUBSCRIBE_REQ count 1001",
      raw(MessageType.MD_SUBSCRIBE_REQ, Buffer.concat([Buffer.from("0101e903", "hex"), Buffer.alloc(8008)])),
      9001,
    ],
    ["QUERY_RSP count 3 with 2 records", patched(queryOrders, (p) => p.writeUInt32LE(3, 170)), 9001],
    ["QUERY_RSP with records of an invalid kind", patched(queryOrders, (p) => p.writeUInt8(6, 4)), 9001],
    ["QUERY_RSP isLast 2", patched(queryOrders, (p) => p.writeUInt8(2, 169)), 9001],
    [
      "ORDER_REQ volume 2^53 (beyond ±(2^53−1))",
      patched(orderReq, (p) => {
        p.writeUInt32LE(0, 50);
        p.writeUInt32LE(0x20_0000, 54);
      }),
      9001,
    ],
    [
      "ORDER_REQ price −2^53",
      patched(orderReq, (p) => {
        p.writeUInt32LE(0, 58);
        p.writeInt32LE(-0x20_0000, 62);
      }),
      9001,
    ],
    [
      "ORDER_REPORT reportSeq 2^63 (u64 beyond 2^53−1)",
      patched(orderReport, (p) => {
        p.writeUInt32LE(0, 0);
        p.writeUInt32LE(0x8000_0000, 4);
      }),
      9001,
    ],
  ];
  return list.map(([name, bytes, expectedError]) => ({ name, hex: bytes.toString("hex"), expectedError }));
}

/** Builds the whole vector file. */
export function buildVectorFile(): VectorFile {
  return { version: 1, vectors: vectors(), invalid: invalid() };
}

/** The JSON text as committed (2-space indent, trailing newline). */
export function vectorFileText(): string {
  return `${JSON.stringify(buildVectorFile(), null, 2)}\n`;
}
