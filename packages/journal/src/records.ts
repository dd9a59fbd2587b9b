/**
 * Orders and trades as journal rows: JSON out, validated JSON back in. A row that does not parse
 * (a hand-edited or damaged file) is an error naming the table and id, never a silently wrong
 * object.
 *
 * @module
 */
import {
  createOrder,
  createTrade,
  Direction,
  Exchange,
  Offset,
  type OrderData,
  OrderType,
  Status,
  type TradeData,
} from "@tsgate/core";
import { z } from "zod";

const values = <T extends Record<string, string>>(e: T) => Object.values(e) as [T[keyof T], ...T[keyof T][]];

const date = z
  .string()
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()), "an ISO date");

const common = {
  gatewayName: z.string(),
  symbol: z.string(),
  exchange: z.enum(values(Exchange)),
  orderid: z.string(),
  direction: z.enum(values(Direction)),
  offset: z.enum(values(Offset)),
  price: z.number(),
  volume: z.number(),
};

const orderRow = z.object({
  ...common,
  type: z.enum(values(OrderType)),
  traded: z.number(),
  status: z.enum(values(Status)),
  reference: z.string(),
  statusMsg: z.string(),
  datetime: date.nullable().transform((d) => d ?? undefined),
});

const tradeRow = z.object({ ...common, tradeid: z.string(), fee: z.number().default(0), datetime: date });

/** Thrown when a journal row cannot be read back. */
export class JournalRecordError extends Error {
  override readonly name = "JournalRecordError";
}

function toJson(value: OrderData | TradeData): string {
  return JSON.stringify({ ...value, datetime: value.datetime?.toISOString() ?? null });
}

/** An order as a row. */
export const orderToJson: (order: OrderData) => string = toJson;

/** A trade as a row. */
export const tradeToJson: (trade: TradeData) => string = toJson;

function parse<T>(schema: z.ZodType<T>, json: string, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new JournalRecordError(`journal ${what}: not valid JSON`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new JournalRecordError(`journal ${what}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`);
  }
  return result.data;
}

/** A row back as a frozen order snapshot. */
export function orderFromJson(json: string, orderid: string): OrderData {
  return createOrder(parse(orderRow, json, `order ${orderid}`));
}

/** A row back as a frozen trade. */
export function tradeFromJson(json: string, tradeid: string): TradeData {
  return createTrade(parse(tradeRow, json, `trade ${tradeid}`));
}
