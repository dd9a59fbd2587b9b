/**
 * The broker's books and the fee parts of each fill as lines of text, for the `tsgate-mock`
 * commands `books <account>` and `fees <account>`. Amounts in yuan.
 */
import type { AccountBooks } from "./domain/broker.js";
import { formatClock } from "./domain/exchange-clock.js";
import type { FeeBreakdown, TradeFees } from "./domain/fees.js";
import { formatYuan } from "./domain/money.js";
import { Side } from "./protocol/messages.js";

/** `commission 5.00, stamp duty 0.00, transfer fee 0.01 (total 5.01)` */
function feeText(fees: FeeBreakdown): string {
  return `commission ${formatYuan(fees.commission)}, stamp duty ${formatYuan(fees.stampDuty)}, transfer fee ${formatYuan(fees.transferFee)} (total ${formatYuan(fees.total)})`;
}

/** Cash, the fees paid so far by part, and one line per position. */
export function booksLines(accountId: string, books: AccountBooks): string[] {
  const c = books.cash;
  const lines = [
    `${accountId} cash: balance ${formatYuan(c.balance)}, available ${formatYuan(c.available)}, frozen ${formatYuan(c.frozen)}, market value ${formatYuan(c.marketValue)}, total asset ${formatYuan(c.totalAsset)}`,
    `${accountId} fees paid: ${feeText(books.fees)}`,
  ];
  for (const p of books.positions) {
    lines.push(
      `${accountId} ${p.symbol}: ${p.volume} held (${p.ydVolume} from yesterday, ${p.todayBuyVolume} bought today, ${p.availableVolume} sellable, ${p.frozenVolume} frozen), cost ${formatYuan(p.costAmount)}, last ${formatYuan(p.lastPrice)}`,
    );
  }
  return lines;
}

/** One line per fill today with its fee parts, or one line saying there is none. */
export function feeLines(accountId: string, trades: readonly TradeFees[]): string[] {
  if (trades.length === 0) return [`${accountId}: no trades today`];
  return trades.map(
    (t) =>
      `${accountId} ${t.tradeId} ${formatClock(t.tradeTime)} ${t.side === Side.Bid ? "buy" : "sell"} ${t.volume} ${t.symbol} at ${formatYuan(t.price)} (amount ${formatYuan(t.amount)}): ${feeText(t.fees)}`,
  );
}
