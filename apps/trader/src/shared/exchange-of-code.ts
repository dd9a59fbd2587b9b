/**
 * Which exchange an A-share code belongs to, from the code ranges the exchanges allocate, so a
 * person may type `600000` where an instrument is asked for.
 *
 * Sources (the first three digits of a 6-digit code):
 * - SSE: 上海证券交易所证券交易业务指南第4号——证券代码段分配指南 (2024年第2次修订, published
 *   2024-07-02, 上证函〔2024〕1724号): 600/601/603/605 main-board A shares, 688/689 STAR Market
 *   shares and depositary receipts, 900 B shares, 5xx funds (ETFs 510–518, 530 (since that
 *   2024 revision), 560–563, 588). SSE's own 000xxx codes are indices (上证指数系列), which
 *   cannot be traded or subscribed as A shares.
 * - SZSE: 深圳证券交易所证券代码区间表 (szse.cn, 证券代码区间; the revision in force on
 *   2026-12-02 could not be checked from here): 000/001/002/003 main-board A shares (002 the
 *   former SME board), 300/301 ChiNext, 200 B shares, 159 ETFs, 16x LOFs.
 * Codes outside these ranges (bonds, indices, repos) are not inferred: type the exchange.
 *
 * @module
 */

/** The exchanges this module knows (the core `Exchange` values for China A shares). */
export type AShareExchange = "SSE" | "SZSE";

/** First three digits → exchange, for the ranges listed in the module comment. */
const PREFIXES: Readonly<Record<AShareExchange, readonly string[]>> = {
  SSE: [
    "600",
    "601",
    "603",
    "605",
    "688",
    "689",
    "900",
    "510",
    "511",
    "512",
    "513",
    "515",
    "516",
    "517",
    "518",
    "530",
    "560",
    "561",
    "562",
    "563",
    "588",
  ],
  SZSE: [
    "000",
    "001",
    "002",
    "003",
    "300",
    "301",
    "200",
    "159",
    "160",
    "161",
    "162",
    "163",
    "164",
    "165",
    "166",
    "167",
    "168",
    "169",
  ],
};

const BY_PREFIX: ReadonlyMap<string, AShareExchange> = new Map(
  (Object.entries(PREFIXES) as [AShareExchange, readonly string[]][]).flatMap(([exchange, prefixes]) =>
    prefixes.map((prefix) => [prefix, exchange] as const),
  ),
);

/** The exchange of a 6-digit A-share code, or `undefined` when its range does not say. */
export function exchangeOfCode(code: string): AShareExchange | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  return BY_PREFIX.get(code.slice(0, 3));
}
