/**
 * The trader API's refusals in the asker's language: the `x-tsgate-language` header (the page's
 * language, the CLI's) picks zh-CN or en; without it, or with a language there is no catalogue
 * for, the texts follow the trader's language. The JSON fields and statuses stay the same.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGE_HEADER } from "../src/shared/protocol.js";
import { startTrader, type TraderApp } from "../src/trader-app.js";

interface Refusal {
  readonly status: number;
  readonly error: string;
}

/** One request with raw headers and body text; resolves with the status and the `error` field. */
function ask(
  app: TraderApp,
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
];

describe("API refusals of a zh-CN trader", () => {
  let app: TraderApp;

  beforeAll(async () => {
    app = await startTrader({ port: 0, language: "zh-CN" });
  });

  afterAll(async () => {
    await app?.close();
  });

  it("answer in Chinese without a language header, and for a language without a catalogue", async () => {
    expect(await refusals(app, undefined)).toEqual(ZH);
    expect(await refusals(app, "fr")).toEqual(ZH);
  });

  it("answer in English when the page or the CLI asks in English, with no Chinese in the text", async () => {
    const answers = await refusals(app, "en");
    expect(answers).toEqual(EN);
    for (const { error } of answers) expect(error).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("API refusals of an en trader", () => {
  let app: TraderApp;

  beforeAll(async () => {
    app = await startTrader({ port: 0, language: "en" });
  });

  afterAll(async () => {
    await app?.close();
  });

  it("answer in English without a header and in Chinese when asked", async () => {
    expect(await refusals(app, undefined)).toEqual(EN);
    expect(await refusals(app, "zh-CN")).toEqual(ZH);
  });
});
