import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFrame, HEADER_SIZE, MessageType, type MockServers, OrderType, Side } from "../src/index.js";
import { loggedInTrader, MD_USER, marketClient, rawConnect, startServers, waitFor } from "./support.js";

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEED = 20_261_126;
const ROUNDS = 60;

const valid: Buffer[] = [
  encodeFrame(MessageType.LOGIN_REQ, 1, {
    accountId: "demo",
    accountType: 1,
    password: "demo123",
    custOrgid: "0000",
    custBranchid: "9999",
    clSystemId: "HFT",
  }),
  encodeFrame(MessageType.ORDER_REQ, 2, {
    clOrderId: "Z",
    symbol: "SH.600000",
    orderType: 1,
    side: 1,
    volume: 100,
    price: 118000,
  }),
  encodeFrame(MessageType.QUERY_REQ, 3, { requestId: 1, kind: 1, posStr: "", queryNum: 10, symbol: "" }),
  encodeFrame(MessageType.MD_LOGIN_REQ, 1, { user: "demo", password: "demo123" }),
  encodeFrame(MessageType.MD_SUBSCRIBE_REQ, 2, { action: 1, market: 1, codes: ["600000", "000001"] }),
  encodeFrame(MessageType.HEARTBEAT, 1, {}),
];

function garbage(rand: () => number): Buffer {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  switch (Math.floor(rand() * 6)) {
    case 0: // pure noise
      return bytes(1 + Math.floor(rand() * 300));
    case 1: {
      // a valid frame, truncated
      const f = pick(valid);
      return f.subarray(0, Math.floor(rand() * f.length));
    }
    case 2: {
      // oversized or absurd length
      const b = bytes(HEADER_SIZE + Math.floor(rand() * 32));
      b.writeUInt32LE(1_048_577 + Math.floor(rand() * 0xfff0_0000), 0);
      return b;
    }
    case 3: {
      // a valid frame with random bytes flipped
      const f = Buffer.from(pick(valid));
      for (let i = 0; i < 1 + Math.floor(rand() * 4); i++)
        f[Math.floor(rand() * f.length)] = Math.floor(rand() * 256);
      return f;
    }
    case 4: {
      // a valid header with a random payload of a random size
      const payload = bytes(Math.floor(rand() * 400));
      const h = Buffer.alloc(HEADER_SIZE);
      h.writeUInt32LE(8 + payload.length, 0);
      h.writeUInt16LE(pick([...Object.values(MessageType), 0x7777]), 4);
      h.writeUInt16LE(1, 6);
      h.writeUInt32LE(1, 8);
      return Buffer.concat([h, payload]);
    }
    default: {
      // valid frames followed by noise
      return Buffer.concat([pick(valid), pick(valid), bytes(1 + Math.floor(rand() * 64))]);
    }
  }
}

let mock: MockServers;
beforeAll(async () => {
  mock = await startServers({ heartbeatIntervalMs: 100, heartbeatTimeoutMs: 2_000 });
});
afterAll(() => mock.close());

describe("fuzz", () => {
  it(`survives ${ROUNDS} connections of random, truncated and oversized frames (seed ${SEED})`, async () => {
    const rand = prng(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      const port = rand() < 0.5 ? mock.tradePort : mock.marketPort;
      const peer = await rawConnect(port);
      const data = garbage(rand);
      // Sometimes in pieces, to exercise partial reads on the server.
      if (rand() < 0.5 && data.length > 2) {
        const cut = 1 + Math.floor(rand() * (data.length - 1));
        peer.socket.write(data.subarray(0, cut));
        peer.socket.write(data.subarray(cut));
      } else {
        peer.socket.write(data);
      }
      // Half-close: the server closes on a protocol error, or on our FIN otherwise.
      peer.socket.end();
      await peer.closed;
    }

    // Every fuzz connection was closed (the server may see the close a moment after the peer).
    await waitFor(() => mock.control.connections().length === 0, "the server to close all fuzz connections");
    // The servers still work for a normal client.
    const c = await loggedInTrader(mock);
    const rsp = await c.order({
      clOrderId: "after-fuzz",
      symbol: "SH.600000",
      orderType: OrderType.B5TC,
      side: Side.Bid,
      volume: 100,
      price: 0,
    });
    expect(rsp.errorCode).toBe(0);
    await c.close();
    const m = await marketClient(mock);
    expect((await m.login(MD_USER.user, MD_USER.password)).errorCode).toBe(0);
    expect((await m.subscribe(1, ["600000"])).errorCode).toBe(0);
    await m.close();
  });
});
