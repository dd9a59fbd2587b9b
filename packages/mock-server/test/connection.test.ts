import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeFrame,
  ErrorCode,
  type ErrorMsg,
  encodeFrame,
  type Frame,
  FrameDecoder,
  MessageType,
  type MockServers,
  OrderType,
  Side,
} from "../src/index.js";
import { loggedInTrader, rawConnect, startServers, waitFor } from "./helpers/servers.js";

let mock: MockServers;
const logs: string[] = [];
beforeAll(async () => {
  mock = await startServers({ heartbeatIntervalMs: 50, heartbeatTimeoutMs: 400, log: (l) => logs.push(l) });
});
afterAll(() => mock.close());

function framesOf(bytes: Buffer): Frame[] {
  return new FrameDecoder().push(bytes);
}

/** Sends `bytes` on a fresh connection and returns what the server sent before it closed. */
async function sendAndWaitClose(port: number, bytes: Buffer): Promise<Frame[]> {
  const peer = await rawConnect(port);
  peer.socket.write(bytes);
  await peer.closed;
  return framesOf(peer.received());
}

function errorOf(frames: Frame[]): ErrorMsg | undefined {
  const f = frames.find((x) => x.type === MessageType.ERROR);
  return f?.body as ErrorMsg | undefined;
}

describe("heartbeats", () => {
  it("the server heartbeats an idle client, and closes a silent one with ERROR 9005", async () => {
    const peer = await rawConnect(mock.tradePort);
    await peer.closed;
    const frames = framesOf(peer.received());
    expect(frames.some((f) => f.type === MessageType.HEARTBEAT)).toBe(true);
    expect(errorOf(frames)?.code).toBe(ErrorCode.HEARTBEAT_TIMEOUT);
    expect(logs.some((l) => l.includes("heartbeat timeout"))).toBe(true);
  });

  it("a client that heartbeats stays connected past the timeout", async () => {
    const c = await loggedInTrader(mock, { heartbeatIntervalMs: 50, heartbeatTimeoutMs: 400 });
    const t0 = Date.now();
    await waitFor(() => Date.now() - t0 > 1_000, "1 s");
    expect(c.connected).toBe(true);
    await c.close();
  });
});

describe("malformed frames", () => {
  it.each([
    ["oversized length", Buffer.from("0000f000", "hex"), ErrorCode.OVERSIZED_FRAME],
    ["length below 8", Buffer.from("0300000001000100ff", "hex"), ErrorCode.MALFORMED_FRAME],
    ["unknown type", Buffer.from("0800000034120100" + "01000000", "hex"), ErrorCode.UNKNOWN_MESSAGE_TYPE],
    ["bad version", Buffer.from("0800000001000200" + "01000000", "hex"), ErrorCode.UNSUPPORTED_VERSION],
    [
      "a server-to-client type",
      encodeFrame(MessageType.LOGIN_RSP, 1, {
        errorCode: 0,
        errorMsg: "",
        accountId: "x",
        tradingDay: 1,
        lastReportSeq: 0,
      }),
      ErrorCode.UNKNOWN_MESSAGE_TYPE,
    ],
    [
      "wrong payload size",
      Buffer.from("0900000001000100" + "01000000" + "00", "hex"),
      ErrorCode.MALFORMED_FRAME,
    ],
  ])("%s: ERROR with its code, then close; other clients are unaffected", async (_name, bytes, code) => {
    const c = await loggedInTrader(mock, { heartbeatIntervalMs: 50 });
    const frames = await sendAndWaitClose(mock.tradePort, bytes);
    expect(errorOf(frames)?.code).toBe(code);
    const rsp = await c.order({
      clOrderId: `ok-${code}-${Math.random()}`,
      symbol: "SH.600000",
      orderType: OrderType.B5TC,
      side: Side.Bid,
      volume: 100,
      price: 0,
    });
    expect(rsp.errorCode).toBe(0);
    expect(c.connected).toBe(true);
    await c.close();
    expect(logs.some((l) => l.includes(`protocol error ${code}`))).toBe(true);
  });

  it("the market server refuses trade messages with 9003", async () => {
    const login = encodeFrame(MessageType.LOGIN_REQ, 1, {
      accountId: "demo",
      accountType: 1,
      password: "demo123",
      custOrgid: "0000",
      custBranchid: "9999",
      clSystemId: "HFT",
    });
    const frames = await sendAndWaitClose(mock.marketPort, login);
    expect(errorOf(frames)).toMatchObject({ code: ErrorCode.UNKNOWN_MESSAGE_TYPE, refSeq: 1 });
    // The ERROR frame itself decodes as a whole frame too.
    expect(decodeFrame(encodeFrame(MessageType.ERROR, 1, errorOf(frames)!)).type).toBe(MessageType.ERROR);
  });
});

describe("partial and coalesced reads over TCP", () => {
  const login = encodeFrame(MessageType.LOGIN_REQ, 1, {
    accountId: "demo",
    accountType: 1,
    password: "demo123",
    custOrgid: "0000",
    custBranchid: "9999",
    clSystemId: "HFT",
  });

  it("accepts a login written one byte at a time", async () => {
    const peer = await rawConnect(mock.tradePort);
    for (let i = 0; i < login.length; i++) {
      peer.socket.write(login.subarray(i, i + 1));
      if (i % 16 === 0) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => framesOf(peer.received()).some((f) => f.type === MessageType.LOGIN_RSP), "LOGIN_RSP");
    const rsp = framesOf(peer.received()).find((f) => f.type === MessageType.LOGIN_RSP)!;
    expect(rsp.body).toMatchObject({ errorCode: 0, accountId: "demo" });
    peer.socket.destroy();
  });

  it("answers 200 queries sent in one write, in order", async () => {
    const peer = await rawConnect(mock.tradePort);
    const queries = Array.from({ length: 200 }, (_, i) =>
      encodeFrame(MessageType.QUERY_REQ, i + 2, {
        requestId: i + 1,
        kind: 4,
        posStr: "",
        queryNum: 1,
        symbol: "",
      }),
    );
    peer.socket.write(Buffer.concat([login, ...queries]));
    const answers = () => framesOf(peer.received()).filter((f) => f.type === MessageType.QUERY_RSP);
    await waitFor(() => answers().length === 200, "200 QUERY_RSP");
    expect(answers().map((f) => (f.body as { requestId: number }).requestId)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    peer.socket.destroy();
  });
});
