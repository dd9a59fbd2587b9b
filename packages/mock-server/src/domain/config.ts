/**
 * The mock broker's configuration: a JSON document validated with zod. Amounts are written in
 * yuan, as users think of them; the broker converts them to scaled integers once, exactly.
 * Validation errors name the field path the user wrote (`accounts[0].cash: expected a
 * non-negative number`).
 */

import { describeJsonError } from "@tsgate/safe-json";
import { z } from "zod";
import {
  DEFAULT_BRANCH_CODE,
  DEFAULT_FEES,
  DEFAULT_MARKET_SEED,
  DEFAULT_ORG_CODE,
  DEFAULT_TICK_INTERVAL_MS,
  DEFAULT_VOLATILITY,
  DEPTH_LEVELS,
  MAX_FEE_RATE,
  PRICE_SCALE,
} from "./constants.js";
import { isValidTradingDay } from "./exchange-clock.js";
import { tickOfType } from "./instruments.js";
import { yuanToScaled } from "./money.js";

/** Largest amount of cash (yuan) an account may start with: keeps every sum a safe integer. */
const MAX_CASH_YUAN = 100_000_000_000;
/** Largest price (yuan) an instrument or a cost may have. */
const MAX_PRICE_YUAN = 1_000_000;
/** Largest position (shares) in the config. */
const MAX_POSITION_VOLUME = 10_000_000_000;

const utf8 = new TextEncoder();

/** Text that must fit a `char[size]` wire field (size − 1 bytes of UTF-8). */
function text(size: number, options: { nonEmpty?: boolean } = {}) {
  const min = options.nonEmpty ? 1 : 0;
  const message = `expected ${min === 1 ? "non-empty " : ""}text of at most ${size - 1} bytes`;
  return z.string({ error: message }).refine((s) => {
    const bytes = utf8.encode(s).length;
    return bytes >= min && bytes < size;
  }, message);
}

function nonNegativeNumber(max: number) {
  const message = "expected a non-negative number";
  return z
    .number({ error: message })
    .min(0, { error: message })
    .max(max, { error: `expected a number of at most ${max}` });
}

function positiveNumber(max: number) {
  const message = "expected a positive number";
  return z
    .number({ error: message })
    .positive({ error: message })
    .max(max, { error: `expected a number of at most ${max}` });
}

function nonNegativeInteger(max: number) {
  const message = "expected a non-negative integer";
  return z
    .number({ error: message })
    .int({ error: message })
    .min(0, { error: message })
    .max(max, { error: `expected an integer of at most ${max}` });
}

function feeRate(defaultValue: number) {
  const message = `expected a rate between 0 and ${MAX_FEE_RATE} (e.g. 0.00025 for 0.025%)`;
  return z
    .number({ error: message })
    .min(0, { error: message })
    .max(MAX_FEE_RATE, { error: message })
    .default(defaultValue);
}

const symbolSchema = z
  .string({ error: 'expected a symbol like "SH.600000"' })
  .regex(/^(SH|SZ)\.\d{6}$/, { error: 'expected a symbol like "SH.600000" or "SZ.000001"' });

const positionSchema = z
  .strictObject({
    symbol: symbolSchema,
    volume: nonNegativeInteger(MAX_POSITION_VOLUME),
    /** Shares held since before today; defaults to `volume` (all of it sellable today). */
    ydVolume: nonNegativeInteger(MAX_POSITION_VOLUME).optional(),
    costPrice: nonNegativeNumber(MAX_PRICE_YUAN),
  })
  .superRefine((p, ctx) => {
    if (p.ydVolume !== undefined && p.ydVolume > p.volume) {
      ctx.addIssue({ code: "custom", path: ["ydVolume"], message: `expected at most volume (${p.volume})` });
    }
  });

const accountSchema = z.strictObject({
  /** 交易用户名 */
  accountId: text(32, { nonEmpty: true }),
  /** 交易密码 */
  password: text(64),
  /** 机构代号 */
  orgCode: text(16).default(DEFAULT_ORG_CODE),
  /** 营业部代号 */
  branchCode: text(16).default(DEFAULT_BRANCH_CODE),
  /** Cash balance in yuan. */
  cash: nonNegativeNumber(MAX_CASH_YUAN),
  /** Holdings at the start of the day. */
  positions: z.array(positionSchema, { error: "expected a list of positions" }).default([]),
});

const mdUserSchema = z.strictObject({
  /** 行情用户名 */
  user: text(32, { nonEmpty: true }),
  /** 行情密码 */
  password: text(64),
});

const instrumentSchema = z
  .strictObject({
    code: z
      .string({ error: "expected a 6-digit code" })
      .regex(/^\d{6}$/, { error: "expected a 6-digit code" }),
    market: z.enum(["SH", "SZ"], { error: 'expected "SH" or "SZ"' }),
    name: text(64, { nonEmpty: true }),
    securityType: z
      .enum(["stock", "fund", "etf", "bond", "index"], {
        error: 'expected "stock", "fund", "etf", "bond" or "index"',
      })
      .default("stock"),
    /** Previous close in yuan, a multiple of the tick (stocks 0.01; funds, ETFs and bonds 0.001). */
    preClose: positiveNumber(MAX_PRICE_YUAN),
    /**
     * Listing board; defaults from the code: 300/301 ChiNext, 688/689 STAR, else main. `"st"` is
     * the older spelling of a main-board risk-warning stock (board main + `riskWarning`).
     */
    board: z
      .enum(["main", "chinext", "star", "st"], { error: 'expected "main", "chinext", "star" or "st"' })
      .optional(),
    /** ST / *ST (a board-independent flag); defaults to a name starting with ST or *ST. */
    riskWarning: z.boolean({ error: "expected true or false" }).optional(),
    /**
     * Same-day turnaround (当日回转, T+0): shares bought can be sold the same day. The exchanges
     * allow it for bonds and some funds (bond, gold, cross-border and money-market ETFs), never
     * for A-share stocks.
     */
    sameDayTurnaround: z.boolean({ error: "expected true or false" }).default(false),
  })
  .superRefine((inst, ctx) => {
    if (inst.sameDayTurnaround && inst.securityType === "stock") {
      ctx.addIssue({
        code: "custom",
        path: ["sameDayTurnaround"],
        message:
          "A-share stocks are T+1: only bonds and some funds (bond, gold, cross-border, money-market ETFs) turn around the same day",
      });
    }
    const tick = tickOfType(inst.securityType);
    if (yuanToScaled(inst.preClose) % tick !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["preClose"],
        message: `expected a multiple of the price tick ${tick / PRICE_SCALE}`,
      });
    }
  });

const feesSchema = z.strictObject({
  commissionRate: feeRate(DEFAULT_FEES.commissionRate),
  /** Minimum commission per order, in yuan. */
  minCommission: nonNegativeNumber(1_000_000).default(DEFAULT_FEES.minCommission),
  /** Charged on sells only. */
  stampDutyRate: feeRate(DEFAULT_FEES.stampDutyRate),
  /** Charged on both sides. */
  transferFeeRate: feeRate(DEFAULT_FEES.transferFeeRate),
});

const randomWalkSchema = z.strictObject({
  mode: z.literal("random-walk"),
  seed: nonNegativeInteger(0xffffffff).default(DEFAULT_MARKET_SEED),
  /** How often the servers step the market. */
  tickIntervalMs: positiveNumber(3_600_000).default(DEFAULT_TICK_INTERVAL_MS),
  /** Standard deviation of one step as a fraction of the price (0.001 = 0.1%). */
  volatility: nonNegativeNumber(0.1).default(DEFAULT_VOLATILITY),
});

const replaySchema = z.strictObject({
  mode: z.literal("replay"),
  /** CSV file (format in `csv-replay.ts`), relative to the working directory. */
  csvPath: text(4096, { nonEmpty: true }),
  tickIntervalMs: positiveNumber(3_600_000).default(DEFAULT_TICK_INTERVAL_MS),
  /** Start again from the first row when an instrument's rows run out (default: stop moving). */
  loop: z.boolean({ error: "expected true or false" }).default(false),
  /** Seeds the depth synthesised for rows without depth columns. */
  seed: nonNegativeInteger(0xffffffff).default(DEFAULT_MARKET_SEED),
});

/** A price level `[yuan, shares]` of a scripted book. */
const levelSchema = z.tuple(
  [positiveNumber(MAX_PRICE_YUAN), z.number().int().positive().max(MAX_POSITION_VOLUME)],
  {
    error: "expected a level [price in yuan, shares]",
  },
);
const scriptedBookSchema = z
  .strictObject({
    symbol: symbolSchema,
    /** Best first: prices falling. At most 5 levels. */
    bids: z
      .array(levelSchema)
      .max(DEPTH_LEVELS, { error: `expected at most ${DEPTH_LEVELS} levels` })
      .default([]),
    /** Best first: prices rising. At most 5 levels. */
    asks: z
      .array(levelSchema)
      .max(DEPTH_LEVELS, { error: `expected at most ${DEPTH_LEVELS} levels` })
      .default([]),
    /** Last price in yuan; default the previous close. */
    last: positiveNumber(MAX_PRICE_YUAN).optional(),
  })
  .superRefine((b, ctx) => {
    const ordered = (levels: readonly (readonly [number, number])[], falling: boolean) =>
      levels.every(
        (l, i) => i === 0 || (falling ? l[0] < (levels[i - 1]?.[0] ?? 0) : l[0] > (levels[i - 1]?.[0] ?? 0)),
      );
    if (!ordered(b.bids, true))
      ctx.addIssue({ code: "custom", path: ["bids"], message: "expected bid prices falling, best first" });
    if (!ordered(b.asks, false))
      ctx.addIssue({ code: "custom", path: ["asks"], message: "expected ask prices rising, best first" });
    const bid1 = b.bids[0]?.[0];
    const ask1 = b.asks[0]?.[0];
    if (bid1 !== undefined && ask1 !== undefined && bid1 >= ask1) {
      ctx.addIssue({
        code: "custom",
        path: ["asks", 0],
        message: `expected the best ask above the best bid ${bid1}`,
      });
    }
  });
const scriptedSchema = z.strictObject({
  mode: z.literal("scripted"),
  /** Fixed books by symbol; instruments without one show an empty book. */
  books: z.array(scriptedBookSchema, { error: "expected a list of books" }).default([]),
  tickIntervalMs: positiveNumber(3_600_000).default(DEFAULT_TICK_INTERVAL_MS),
  /** Unused by fixed books; kept so every market mode has one. */
  seed: nonNegativeInteger(0xffffffff).default(DEFAULT_MARKET_SEED),
});

const marketSchema = z.discriminatedUnion("mode", [randomWalkSchema, replaySchema, scriptedSchema], {
  error: 'expected an object with mode "random-walk", "replay" or "scripted"',
});

const matchingSchema = z.strictObject({
  /**
   * 0: a cancel completes within the cancel request. N > 0: the order stays Canceling (and may
   * still fill) until the N-th following market step.
   */
  cancelDelaySteps: nonNegativeInteger(1_000_000).default(0),
});

const rulesSchema = z.strictObject({
  /**
   * Enforce the price cage of continuous trading. Default: on in `realtime` sessions (in the
   * continuous phases), off in `always-open` mode, whose tests cross the spread with limit orders
   * far from the book.
   */
  priceCage: z.boolean({ error: "expected true or false" }).optional(),
});

/**
 * The zod schema of the whole config: `MockConfig` is its output and `MockConfigInput` its input.
 * Use {@link parseMockConfig} to validate; the schema is exported for tools that build on it.
 */
export const configSchema = z
  .strictObject(
    {
      /** YYYYMMDD; default: today in exchange time when the broker starts. */
      tradingDay: z
        .number({ error: "expected a date as YYYYMMDD" })
        .refine(isValidTradingDay, { error: "expected a date as YYYYMMDD" })
        .optional(),
      sessionMode: z
        .enum(["always-open", "realtime"], { error: 'expected "always-open" or "realtime"' })
        .default("always-open"),
      /** Exchange holidays (YYYYMMDD): no trading, skipped by the rollover like weekends. */
      holidays: z
        .array(
          z
            .number({ error: "expected a date as YYYYMMDD" })
            .refine(isValidTradingDay, { error: "expected a date as YYYYMMDD" }),
          { error: "expected a list of dates as YYYYMMDD" },
        )
        .default([]),
      accounts: z.array(accountSchema, { error: "expected a list of accounts" }).default([]),
      mdUsers: z.array(mdUserSchema, { error: "expected a list of market-data users" }).default([]),
      instruments: z
        .array(instrumentSchema, { error: "expected a list of instruments" })
        .min(1, { error: "expected at least one instrument" }),
      fees: feesSchema.prefault({}),
      market: marketSchema.prefault({ mode: "random-walk" }),
      matching: matchingSchema.prefault({}),
      rules: rulesSchema.prefault({}),
    },
    { error: "expected a config object" },
  )
  .superRefine((cfg, ctx) => {
    const symbols = new Set<string>();
    cfg.instruments.forEach((inst, i) => {
      const symbol = `${inst.market}.${inst.code}`;
      if (symbols.has(symbol)) {
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "code"],
          message: `duplicate instrument ${symbol}`,
        });
      }
      symbols.add(symbol);
    });
    if (cfg.market.mode === "scripted") {
      cfg.market.books.forEach((book, i) => {
        if (!symbols.has(book.symbol)) {
          ctx.addIssue({
            code: "custom",
            path: ["market", "books", i, "symbol"],
            message: `unknown instrument ${book.symbol} (not in instruments)`,
          });
        }
      });
    }
    const accountIds = new Set<string>();
    cfg.accounts.forEach((acc, i) => {
      if (accountIds.has(acc.accountId)) {
        ctx.addIssue({
          code: "custom",
          path: ["accounts", i, "accountId"],
          message: `duplicate account "${acc.accountId}"`,
        });
      }
      accountIds.add(acc.accountId);
      const held = new Set<string>();
      acc.positions.forEach((pos, j) => {
        const path = ["accounts", i, "positions", j, "symbol"];
        if (!symbols.has(pos.symbol)) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `unknown instrument ${pos.symbol} (not in instruments)`,
          });
        }
        if (held.has(pos.symbol))
          ctx.addIssue({ code: "custom", path, message: `duplicate position ${pos.symbol}` });
        held.add(pos.symbol);
      });
    });
    const users = new Set<string>();
    cfg.mdUsers.forEach((u, i) => {
      if (users.has(u.user)) {
        ctx.addIssue({ code: "custom", path: ["mdUsers", i, "user"], message: `duplicate user "${u.user}"` });
      }
      users.add(u.user);
    });
  });

/** The config as written (optional fields may be missing). */
export type MockConfigInput = z.input<typeof configSchema>;
/** A validated config with every default filled in. */
export type MockConfig = z.output<typeof configSchema>;
/**
 * One trade account: login (`accountId`, `password`, `orgCode`, `branchCode`), starting cash in
 * yuan, and starting positions.
 */
export type AccountConfig = MockConfig["accounts"][number];
/**
 * One starting position: `symbol` ("SH.600000"), `volume` in shares, `ydVolume` (shares held since
 * before today, sellable today; defaults to `volume`) and `costPrice` in yuan.
 */
export type PositionConfig = AccountConfig["positions"][number];
/** One market-data login: `user` and `password`. */
export type MdUserConfig = MockConfig["mdUsers"][number];
/**
 * One instrument: 6-digit `code`, `market` ("SH"/"SZ"), `name`, `securityType`, `preClose` in yuan
 * (a multiple of 0.01) and an optional `board` (derived from the code and name when absent).
 */
export type InstrumentConfig = MockConfig["instruments"][number];
/**
 * Fee schedule: `commissionRate`, `minCommission` (yuan per order), `stampDutyRate` (sells only)
 * and `transferFeeRate` (both sides); rates are fractions of the traded amount (0.00025 = 0.025%).
 */
export type FeeConfig = MockConfig["fees"];
/**
 * How the market moves: `mode: "random-walk"` (seeded, stepped every `tickIntervalMs` with the
 * given `volatility`) or `mode: "replay"` (rows of a CSV file at `csvPath`).
 */
export type MarketSimConfig = MockConfig["market"];
export type RandomWalkConfig = z.output<typeof randomWalkSchema>;
export type ReplayConfig = z.output<typeof replaySchema>;
/** `market` with `mode: "scripted"`: fixed books by symbol. */
export type ScriptedMarketConfig = z.output<typeof scriptedSchema>;

/** One problem in a config: where (`accounts[0].cash`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * The config is invalid; `issues` lists every problem, each naming its field, in English (the
 * words of tsgate-mock's CLI). `checks` gives the same problems as zod's issues (a code, a path
 * and the check's values), for a host that words them in its user's language; it is empty when
 * the text was not valid JSON.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  /**
   * @param issues - every problem, `path: message`
   * @param checks - the zod issues they come from (none for a JSON syntax error)
   */
  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly checks: readonly z.core.$ZodIssue[] = [],
  ) {
    super(
      `invalid mock-server config:\n${issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`,
    );
  }
}

/** `["accounts", 0, "cash"]` → `accounts[0].cash`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function toIssues(error: z.ZodError): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({ path: formatPath([...issue.path, key]), message: "unknown field" });
      }
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

/**
 * Validates a config given as a JSON string or an already-parsed object and fills in defaults.
 * Throws {@link ConfigError} listing every problem with its field path.
 */
export function parseMockConfig(json: unknown): MockConfig {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new ConfigError([{ path: "", message: `not valid JSON: ${describeJsonError(err, json)}` }]);
    }
  }
  const result = configSchema.safeParse(value);
  if (!result.success) throw new ConfigError(toIssues(result.error), result.error.issues);
  return result.data;
}
