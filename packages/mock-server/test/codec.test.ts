import { describe, expect, it } from "vitest";
import {
  decodeFrame,
  EncodeError,
  encodeFrame,
  MessageType,
  OrderType,
  ProtocolError,
  Side,
} from "../src/protocol/index.js";

const order = {
  clOrderId: "A1",
  symbol: "SH.600000",
  orderType: OrderType.LMT,
  side: Side.Bid,
  volume: 100,
  price: 102300,
};

describe("encoder", () => {
  it("round-trips the edges of the 64-bit safe range", () => {
    for (const v of [
      0,
      1,
      -1,
      2 ** 32,
      -(2 ** 32),
      2 ** 32 - 1,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
    ]) {
      const neg = v === 0 ? 0 : -v;
      const f = decodeFrame(encodeFrame(MessageType.ORDER_REQ, 1, { ...order, volume: v, price: neg }));
      expect(f.body).toEqual({ ...order, volume: v, price: neg });
    }
  });

  it("rejects text that does not fit, naming the field", () => {
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, symbol: "X".repeat(16) })).toThrow(
      /ORDER_REQ\.symbol.*at most 15/,
    );
    // 6 Chinese characters are 18 bytes of UTF-8: too long for char[16] although .length is 6.
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, symbol: "浦发银行浦发" })).toThrow(
      EncodeError,
    );
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, symbol: "X".repeat(15) })).not.toThrow();
  });

  it("rejects NUL inside text, non-integers, out-of-range values and enums", () => {
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, clOrderId: "a\0b" })).toThrow(/NUL/);
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, price: 10.23 })).toThrow(
      /ORDER_REQ\.price/,
    );
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, volume: 2 ** 53 })).toThrow(EncodeError);
    expect(() => encodeFrame(MessageType.ORDER_REQ, 1, { ...order, side: 256 })).toThrow(/ORDER_REQ\.side/);
    expect(() =>
      encodeFrame(MessageType.RISK_NOTIFY, 1, { level: 4 as never, code: 0, message: "" }),
    ).toThrow(/enum range/);
    expect(() => encodeFrame(MessageType.MD_SUBSCRIBE_REQ, 1, { action: 1, market: 1, codes: [] })).toThrow(
      /1\.\.1000/,
    );
  });
});

describe("decoder", () => {
  it("passes request fields with business error codes through unchecked", () => {
    const f = decodeFrame(encodeFrame(MessageType.ORDER_REQ, 1, { ...order, side: 7, orderType: 0 }));
    expect(f.body).toMatchObject({ side: 7, orderType: 0 });
  });

  it("ignores bytes after the first NUL of a text field", () => {
    const f = encodeFrame(MessageType.ORDER_REQ, 1, order);
    f[12 + 5] = 0x41; // inside clOrderId, after "A1\0"
    expect(decodeFrame(f).body).toMatchObject({ clOrderId: "A1" });
  });

  it("refuses a buffer that holds more or less than the length field says", () => {
    const f = encodeFrame(MessageType.ORDER_REQ, 1, order);
    expect(() => decodeFrame(f.subarray(0, f.length - 1))).toThrow(ProtocolError);
    expect(() => decodeFrame(Buffer.concat([f, Buffer.alloc(1)]))).toThrow(ProtocolError);
  });

  it("refuses a type the receiver does not accept with 9003", () => {
    const f = encodeFrame(MessageType.HEARTBEAT, 1, {});
    expect(decodeFrame(f, new Set([MessageType.HEARTBEAT])).type).toBe(MessageType.HEARTBEAT);
    const rsp = encodeFrame(MessageType.MD_LOGIN_RSP, 1, { errorCode: 0, errorMsg: "" });
    try {
      decodeFrame(rsp, new Set([MessageType.HEARTBEAT]));
      expect.unreachable();
    } catch (err) {
      expect((err as ProtocolError).code).toBe(9003);
    }
  });
});
