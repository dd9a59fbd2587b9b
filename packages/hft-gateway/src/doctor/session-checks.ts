/**
 * Steps 4 and 5 of the checklist through the HFT library itself: trade login and the queries a
 * connect makes after it; market login, one subscription and its ticks.
 *
 * @module
 */
import { performance } from "node:perf_hooks";
import type { LoginRequest, Market, MarketDataEvent, MdLoginRequest } from "@tsgate/hft-native";
import type { MdApiPort, TraderApiPort } from "../api-ports.js";

/** How a login attempt ended. */
export type LoginOutcome =
  | { kind: "ok"; ms: number; tradingDay: number }
  | { kind: "refused"; ms: number; code: number; text: string }
  | { kind: "connectFailed"; ms: number; detail: string }
  | { kind: "callFailed"; ms: number; detail: string }
  | { kind: "noAnswer"; ms: number };

/** The queries after a trade login, named as the doctor reports them. */
export type DataWhat = "contracts" | "account" | "positions" | "orders";

/** What the queries after a trade login loaded. */
export type DataOutcome =
  | { kind: "ok"; ms: number; contracts: number; positions: number; orders: number; firstSymbol?: string }
  | { kind: "failed"; ms: number; what: DataWhat; detail: string };

/** What one subscription delivered. */
export type TickOutcome =
  | { kind: "ok"; ms: number; ticks: readonly { tick: MarketDataEvent; receivedAt: number }[] }
  | { kind: "rejected"; ms: number; code: number; text: string }
  | { kind: "none"; ms: number };

const elapsed = (since: number) => Math.round(performance.now() - since);

/** Resolves with the first of the events, or `onTimeout()` after `ms`. */
function race<T>(ms: number, onTimeout: () => T, arm: (settle: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => settle(onTimeout()), ms);
    try {
      arm(settle);
    } catch (err) {
      clearTimeout(timer);
      settled = true;
      throw err;
    }
  });
}

/** A login answer as the outcome needs it; the two sides name these fields differently. */
interface LoginAnswer {
  ok: boolean;
  tradingDay: number;
  code: number;
  text: string;
}

/**
 * Logs in and waits for the answer at most `waitMs`: the one race both sides run. `listen` wires
 * the side's own `login` and `disconnected` events to the two callbacks.
 */
async function awaitLogin(
  waitMs: number,
  listen: (
    answered: (answer: LoginAnswer) => void,
    disconnected: (ev: { willReconnect: boolean; message: string }) => void,
  ) => void,
  login: () => void,
): Promise<LoginOutcome> {
  const start = performance.now();
  try {
    return await race<LoginOutcome>(
      waitMs,
      () => ({ kind: "noAnswer", ms: elapsed(start) }),
      (settle) => {
        listen(
          (answer) =>
            settle(
              answer.ok
                ? { kind: "ok", ms: elapsed(start), tradingDay: answer.tradingDay }
                : { kind: "refused", ms: elapsed(start), code: answer.code, text: answer.text },
            ),
          (ev) => {
            if (!ev.willReconnect) settle({ kind: "connectFailed", ms: elapsed(start), detail: ev.message });
          },
        );
        login();
      },
    );
  } catch (err) {
    return { kind: "callFailed", ms: elapsed(start), detail: (err as Error).message };
  }
}

/** Logs in on the trade side and waits for the answer at most `waitMs`. */
export function tradeLogin(api: TraderApiPort, req: LoginRequest, waitMs: number): Promise<LoginOutcome> {
  return awaitLogin(
    waitMs,
    (answered, disconnected) => {
      api.on("login", (ev) =>
        answered({ ok: ev.ok, tradingDay: ev.tradingDay, code: ev.errorCode, text: ev.errorMsg }),
      );
      api.on("disconnected", disconnected);
    },
    () => api.login(req),
  );
}

/** Logs in on the market side and waits for the answer at most `waitMs` (no trading day there). */
export function marketLogin(api: MdApiPort, req: MdLoginRequest, waitMs: number): Promise<LoginOutcome> {
  return awaitLogin(
    waitMs,
    (answered, disconnected) => {
      api.on("login", (ev) => answered({ ok: ev.ok, tradingDay: 0, code: ev.errorCode, text: ev.message }));
      api.on("disconnected", disconnected);
    },
    () => api.login(req),
  );
}

/** Runs the queries a connect makes (contracts, account, positions, orders), each bounded by `waitMs`. */
export async function loadTradeData(api: TraderApiPort, waitMs: number): Promise<DataOutcome> {
  const start = performance.now();
  const bounded = <T>(what: DataWhat, promise: Promise<T>) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        const t = setTimeout(() => reject(new Error(`no answer within ${waitMs} ms`)), waitMs);
        promise.then(
          () => clearTimeout(t),
          () => clearTimeout(t),
        );
      }),
    ]).catch((err: Error) => {
      throw Object.assign(new Error(err.message), { what });
    });
  try {
    const securities = await bounded("contracts", api.queryAll("securities"));
    await bounded("account", api.queryAll("cash"));
    const positions = await bounded("positions", api.queryAll("positions"));
    const orders = await bounded("orders", api.queryAll("orders"));
    const first = securities[0]?.symbol;
    return {
      kind: "ok",
      ms: elapsed(start),
      contracts: securities.length,
      positions: positions.length,
      orders: orders.length,
      ...(first === undefined ? {} : { firstSymbol: first }),
    };
  } catch (err) {
    const what = (err as { what?: DataWhat }).what ?? "contracts";
    return { kind: "failed", ms: elapsed(start), what, detail: (err as Error).message };
  }
}

/**
 * Subscribes one code and waits at most `waitMs` for its first tick, then collects ticks for
 * `sampleMs` more (the freshest one measures the clock skew best).
 */
export async function firstTicks(
  api: MdApiPort,
  market: Market,
  code: string,
  waitMs: number,
  sampleMs: number,
): Promise<TickOutcome> {
  const start = performance.now();
  const ticks: { tick: MarketDataEvent; receivedAt: number }[] = [];
  const first = await race<TickOutcome | "tick">(
    waitMs,
    () => ({ kind: "none", ms: elapsed(start) }),
    (settle) => {
      api.on("marketData", (tick) => {
        if (tick.code !== code) return;
        ticks.push({ tick, receivedAt: Date.now() });
        settle("tick");
      });
      api.on("subscribeRsp", (rsp) => {
        if (rsp.action === "subscribe" && rsp.errorCode !== 0 && rsp.count === 0)
          settle({ kind: "rejected", ms: elapsed(start), code: rsp.errorCode, text: rsp.errorMsg });
      });
      api.subscribe(market, [code]);
    },
  );
  if (first !== "tick") return first;
  const ms = elapsed(start);
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return { kind: "ok", ms, ticks };
}
