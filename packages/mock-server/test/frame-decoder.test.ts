import { describe, expect, it } from "vitest";
import { encodeFrame, type Frame, FrameDecoder, MessageType, ProtocolError } from "../src/protocol/index.js";

function sampleFrames(): Buffer[] {
  return [
    encodeFrame(MessageType.HEARTBEAT, 1, {}),
    encodeFrame(MessageType.LOGIN_REQ, 2, {
      accountId: "demo001",
      accountType: 1,
      password: "密码",
      custOrgid: "0000",
      custBranchid: "9999",
      clSystemId: "HFT",
    }),
    encodeFrame(MessageType.MD_SUBSCRIBE_REQ, 3, { action: 1, market: 1, codes: ["600000", "600519"] }),
    encodeFrame(MessageType.BASE_INFO, 4, {
      market: 1,
      code: "600000",
      name: "浦发银行",
      securityType: 1,
      preClose: 102300,
      limitUp: 112500,
      limitDown: 92100,
    }),
  ];
}

describe("FrameDecoder", () => {
  it("decodes every frame split at every byte boundary", () => {
    const frames = sampleFrames();
    const all = Buffer.concat(frames);
    const expected = new FrameDecoder().push(all);
    expect(expected).toHaveLength(frames.length);
    for (let cut = 1; cut < all.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(all.subarray(0, cut)), ...d.push(all.subarray(cut))];
      expect(got).toEqual(expected);
      expect(d.bufferedBytes).toBe(0);
    }
  });

  it("decodes a stream fed one byte at a time, and in three pieces at every pair of cuts", () => {
    const all = Buffer.concat(sampleFrames().slice(0, 2));
    const expected = new FrameDecoder().push(all);
    const d = new FrameDecoder();
    const got: Frame[] = [];
    for (let i = 0; i < all.length; i++) got.push(...d.push(all.subarray(i, i + 1)));
    expect(got).toEqual(expected);
    for (let a = 1; a < all.length; a += 7) {
      for (let b = a; b < all.length; b += 5) {
        const dd = new FrameDecoder();
        const parts = [all.subarray(0, a), all.subarray(a, b), all.subarray(b)];
        expect(parts.flatMap((p) => dd.push(p))).toEqual(expected);
      }
    }
  });

  it("decodes many coalesced frames from one chunk, in order", () => {
    const frames: Buffer[] = [];
    for (let i = 1; i <= 5000; i++)
      frames.push(encodeFrame(MessageType.REPORT_SUBSCRIBE_REQ, i, { afterSeq: i * 3 }));
    const got = new FrameDecoder().push(Buffer.concat(frames));
    expect(got).toHaveLength(5000);
    expect(got.every((f, i) => f.seq === i + 1 && f.type === MessageType.REPORT_SUBSCRIBE_REQ)).toBe(true);
  });

  it("accepts a Uint8Array that is not a Buffer", () => {
    const f = encodeFrame(MessageType.HEARTBEAT, 9, {});
    const u8 = new Uint8Array(f.length + 3).subarray(3);
    u8.set(f);
    expect(new FrameDecoder().push(u8)).toEqual([{ type: MessageType.HEARTBEAT, seq: 9, body: {} }]);
  });

  it("fails an oversized length as soon as the length field arrives, without buffering", () => {
    const d = new FrameDecoder();
    expect(d.push(Buffer.from([0xff, 0xff]))).toEqual([]);
    expect(() => d.push(Buffer.from([0xff, 0x7f]))).toThrow(ProtocolError);
    expect(d.error?.code).toBe(9002);
    expect(d.bufferedBytes).toBe(0);
    // A failed decoder stays failed.
    expect(() => d.push(encodeFrame(MessageType.HEARTBEAT, 1, {}))).toThrow(ProtocolError);
  });

  it("fails a bad header before the payload has arrived", () => {
    const d = new FrameDecoder({ accept: new Set([MessageType.HEARTBEAT]) });
    const f = encodeFrame(MessageType.BASE_INFO, 1, {
      market: 1,
      code: "1",
      name: "",
      securityType: 1,
      preClose: 0,
      limitUp: 0,
      limitDown: 0,
    });
    expect(() => d.push(f.subarray(0, 14))).toThrow(/not accepted/);
    expect(d.error?.code).toBe(9003);
  });

  it("delivers the good frames before a malformed one through feed()", () => {
    const good = encodeFrame(MessageType.HEARTBEAT, 1, {});
    const bad = Buffer.from(good);
    bad.writeUInt16LE(7, 6);
    const seen: number[] = [];
    expect(() => new FrameDecoder().feed(Buffer.concat([good, good, bad]), (f) => seen.push(f.seq))).toThrow(
      ProtocolError,
    );
    expect(seen).toEqual([1, 1]);
  });
});
