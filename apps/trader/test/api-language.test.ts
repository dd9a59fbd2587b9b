/**
 * The trader API's refusals in the asker's language: the `x-tsgate-language` header (the page's
 * language, the CLI's) picks zh-CN or en; without it, or with a language there is no catalogue
 * for, the texts follow the trader's language. The JSON fields and statuses stay the same.
 */
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebServer } from "../src/server/http-server.js";
import { LANGUAGE_HEADER } from "../src/shared/protocol.js";
import { startTrader, type TraderApp } from "../src/trader-app.js";
import { DEMO_ORDER } from "./helpers/demo-order.js";

interface Refusal {
  readonly status: number;
  readonly error: string;
}

/** One request with raw headers and body text; resolves with the status and the `error` field. */
function ask(
  app: { readonly port: number },
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const answer = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { error: string };
        resolve({ status: res.statusCode ?? 0, error: answer.error });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const JSON_TYPE = { "content-type": "application/json" };
/** The --backtest-report of the traders here: a file that is not there. */
const MISSING_REPORT = join(tmpdir(), "tsgate-api-language-no-such-report.json");
const ORDER = DEMO_ORDER;

/** Each refusal the dashboard can meet, asked in `language` (undefined: no header). */
async function refusals(app: TraderApp, language: string | undefined): Promise<Refusal[]> {
  const lang: Record<string, string> = language === undefined ? {} : { [LANGUAGE_HEADER]: language };
  const auth = { ...lang, "x-tsgate-token": app.token };
  return [
    await ask(app, "GET", "/api/nothing-here", auth),
    await ask(app, "GET", "/api/order", auth),
    await ask(app, "GET", "/api/state", lang),
    await ask(app, "GET", "/api/state", { ...lang, "x-tsgate-token": "wrong" }),
    await ask(app, "POST", "/api/cancel", auth, JSON.stringify({ vtOrderid: "HFT.1" })),
    await ask(app, "POST", "/api/cancel", { ...auth, ...JSON_TYPE }, "{not json"),
    await ask(
      app,
      "POST",
      "/api/cancel",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ vtOrderid: "HFT.none" }),
    ),
    await ask(app, "POST", "/api/risk-state", { ...auth, ...JSON_TYPE }, JSON.stringify({ state: "OPEN" })),
    await ask(app, "POST", "/api/order", { ...auth, ...JSON_TYPE }, "[]"),
    await ask(
      app,
      "POST",
      "/api/order",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ ...ORDER, direction: "UP" }),
    ),
    await ask(
      app,
      "POST",
      "/api/order",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ ...ORDER, volume: "lots" }),
    ),
    await ask(
      app,
      "POST",
      "/api/order",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ ...ORDER, price: undefined }),
    ),
    // The core order factory's own checks.
    await ask(
      app,
      "POST",
      "/api/order",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ ...ORDER, volume: -100 }),
    ),
    await ask(app, "POST", "/api/order", { ...auth, ...JSON_TYPE }, JSON.stringify({ ...ORDER, price: 0 })),
    // Core's settings checks, checked before the working connection is closed.
    await ask(
      app,
      "POST",
      "/api/connect",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ setting: { 交易端口: "80a" } }),
    ),
    // Not a refusal: the report given with --backtest-report cannot be shown, and says why.
    await ask(app, "GET", "/api/backtest-report", auth),
    await ask(
      app,
      "POST",
      "/api/subscribe",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ vtSymbol: "123456" }),
    ),
    await ask(app, "POST", "/api/subscribe", { ...auth, ...JSON_TYPE }, JSON.stringify({ vtSymbol: "6.X" })),
    await ask(app, "POST", "/api/strategy", { ...auth, ...JSON_TYPE }, JSON.stringify({ action: "go" })),
    await ask(
      app,
      "POST",
      "/api/strategy",
      { ...auth, ...JSON_TYPE },
      JSON.stringify({ name: "A", action: "init" }),
    ),
  ];
}

const ZH: readonly Refusal[] = [
  { status: 404, error: "没有接口 /api/nothing-here" },
  { status: 405, error: "/api/order 只接受 POST" },
  { status: 401, error: "需要访问令牌：请打开 tsgate trader 打印的网址" },
  { status: 403, error: "访问令牌无效" },
  { status: 400, error: "需要 Content-Type: application/json" },
  { status: 400, error: "请求体不是有效的 JSON" },
  { status: 404, error: "没有委托 HFT.none" },
  { status: 400, error: 'state：应为 ACTIVE、REDUCING 或 HALTED，收到 "OPEN"' },
  { status: 400, error: "应为 JSON 对象，含 symbol、exchange、direction、type、price 和 volume" },
  { status: 400, error: 'direction：应为 LONG（买）或 SHORT（卖），收到 "UP"' },
  { status: 400, error: 'volume：应为数字，收到 "lots"' },
  { status: 400, error: "price：应为数字，但没有给出" },
  { status: 400, error: "volume：应为正整数，收到 -100" },
  { status: 400, error: "price：应为大于 0 的有限数，收到 0" },
  { status: 400, error: '设置有 1 处错误：\n  交易端口：应为 1 到 65535 之间的整数，实际为 "80a"' },
  { status: 200, error: `回测报告 ${MISSING_REPORT}：文件不存在` },
  {
    status: 400,
    error: 'instrument：无法从代码 "123456" 判断交易所；请连同交易所写，例如 123456.SSE 或 123456.SZSE',
  },
  { status: 400, error: '应为合约，例如 600000.SSE 或 000001.SZSE，收到 "6.X"' },
  { status: 400, error: 'action：应为 init、start 或 stop，收到 "go"' },
  { status: 404, error: 'name：没有策略 "A"（交易程序没有运行任何策略）' },
];

const EN: readonly Refusal[] = [
  { status: 404, error: "no endpoint /api/nothing-here" },
  { status: 405, error: "/api/order accepts POST only" },
  { status: 401, error: "access token required: open the URL printed by tsgate trader" },
  { status: 403, error: "invalid access token" },
  { status: 400, error: "expected Content-Type: application/json" },
  { status: 400, error: "request body is not valid JSON" },
  { status: 404, error: "no order HFT.none" },
  { status: 400, error: 'state: expected ACTIVE, REDUCING or HALTED, got "OPEN"' },
  { status: 400, error: "expected a JSON object with symbol, exchange, direction, type, price and volume" },
  { status: 400, error: 'direction: expected LONG (buy) or SHORT (sell), got "UP"' },
  { status: 400, error: 'volume: expected a number, got "lots"' },
  { status: 400, error: "price: expected a number, got nothing" },
  { status: 400, error: "volume: expected a positive integer, got -100" },
  { status: 400, error: "price: expected a finite number > 0, got 0" },
  {
    status: 400,
    error: 'Invalid settings (1 problem):\n  交易端口: expected an integer between 1 and 65535, got "80a"',
  },
  { status: 200, error: `backtest report ${MISSING_REPORT}: no such file` },
  {
    status: 400,
    error:
      'instrument: cannot tell the exchange of "123456" from its code; write it with the exchange, e.g. 123456.SSE or 123456.SZSE',
  },
  { status: 400, error: 'expected an instrument such as 600000.SSE or 000001.SZSE, got "6.X"' },
  { status: 400, error: 'action: expected init, start or stop, got "go"' },
  { status: 404, error: 'name: no strategy "A" (known: none)' },
];

/** A trader in `language` for the tests of the enclosing describe; call the result inside a test. */
function traderIn(language: "zh-CN" | "en"): () => TraderApp {
  let app: TraderApp | undefined;
  beforeAll(async () => {
    app = await startTrader({ port: 0, language, backtestReportPath: MISSING_REPORT });
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (app === undefined) throw new Error(`the ${language} trader did not start`);
    return app;
  };
}

describe("API refusals of a zh-CN trader", () => {
  const trader = traderIn("zh-CN");

  it("answer in Chinese without a language header, and for a language without a catalogue", async () => {
    expect(await refusals(trader(), undefined)).toEqual(ZH);
    expect(await refusals(trader(), "fr")).toEqual(ZH);
  });

  it("answer in English when the page or the CLI asks in English, with no Chinese in the text", async () => {
    const answers = await refusals(trader(), "en");
    expect(answers).toEqual(EN);
    // Setting keys are data, in both languages.
    for (const { error } of answers) expect(error.replace("交易端口", "")).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("API refusals of an en trader", () => {
  const trader = traderIn("en");

  it("answer in English without a header and in Chinese when asked", async () => {
    expect(await refusals(trader(), undefined)).toEqual(EN);
    expect(await refusals(trader(), "zh-CN")).toEqual(ZH);
  });
});

describe("the API of a trader still starting", () => {
  it("answers 503 in the trader's language, or in the one asked for", async () => {
    const server = await WebServer.listen({
      host: "127.0.0.1",
      port: 0,
      token: "t",
      onError: () => undefined,
      language: "zh-CN",
    });
    try {
      expect(await ask(server, "GET", "/api/state", {})).toEqual({
        status: 503,
        error: "交易程序正在启动；请稍后再试",
      });
      expect(await ask(server, "GET", "/api/state", { [LANGUAGE_HEADER]: "en" })).toEqual({
        status: 503,
        error: "the trader is starting; try again in a moment",
      });
    } finally {
      await server.close();
    }
  });
});
