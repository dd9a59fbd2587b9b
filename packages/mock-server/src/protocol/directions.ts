import { MessageType } from "./messages.js";

/** Message types a trade server accepts from its clients. */
export const TRADE_SERVER_ACCEPTS: ReadonlySet<number> = new Set([
  MessageType.HEARTBEAT,
  MessageType.LOGIN_REQ,
  MessageType.REPORT_SUBSCRIBE_REQ,
  MessageType.ORDER_REQ,
  MessageType.CANCEL_REQ,
  MessageType.QUERY_REQ,
]);

/** Message types a trade client accepts from the server. */
export const TRADE_CLIENT_ACCEPTS: ReadonlySet<number> = new Set([
  MessageType.HEARTBEAT,
  MessageType.ERROR,
  MessageType.LOGIN_RSP,
  MessageType.ORDER_RSP,
  MessageType.CANCEL_RSP,
  MessageType.ORDER_REPORT,
  MessageType.TRADE_REPORT,
  MessageType.RISK_NOTIFY,
  MessageType.QUERY_RSP,
]);

/** Message types a market server accepts from its clients. */
export const MARKET_SERVER_ACCEPTS: ReadonlySet<number> = new Set([
  MessageType.HEARTBEAT,
  MessageType.MD_LOGIN_REQ,
  MessageType.MD_SUBSCRIBE_REQ,
]);

/** Message types a market client accepts from the server. */
export const MARKET_CLIENT_ACCEPTS: ReadonlySet<number> = new Set([
  MessageType.HEARTBEAT,
  MessageType.ERROR,
  MessageType.MD_LOGIN_RSP,
  MessageType.MD_SUBSCRIBE_RSP,
  MessageType.MARKET_DATA,
  MessageType.BASE_INFO,
]);
