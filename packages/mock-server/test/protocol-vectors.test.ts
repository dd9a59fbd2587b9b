import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type VectorFile, vectorFileText } from "../scripts/vectors.js";
import {
  decodeFrame,
  encodeFrame,
  FrameDecoder,
  type MessageBodyMap,
  MessageType,
  PayloadSize,
  ProtocolError,
} from "../src/protocol/index.js";

const path = fileURLToPath(new URL("../../../docs/protocol-vectors.json", import.meta.url));
const text = readFileSync(path, "utf8");
const file = JSON.parse(text) as VectorFile;

function protocolErrorOf(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtocolError) return err;
    throw err;
  }
  throw new Error("expected a ProtocolError, nothing was thrown");
}

describe("docs/protocol-vectors.json", () => {
  it("is what scripts/gen-vectors.ts generates", () => {
    expect(text).toBe(vectorFileText());
  });

  it("has at least one vector per message type", () => {
    const seen = new Set(file.vectors.map((v) => v.type));
    for (const type of Object.values(MessageType)) expect(seen.has(type)).toBe(true);
  });

  it.each(file.vectors.map((v) => [v.name, v] as const))("decodes and encodes %s", (_name, v) => {
    const bytes = Buffer.from(v.hex, "hex");
    expect(decodeFrame(bytes)).toEqual({ type: v.type, seq: v.seq, body: v.message });
    const encoded = encodeFrame(v.type as MessageType, v.seq, v.message as MessageBodyMap[MessageType]);
    expect(encoded.toString("hex")).toBe(v.hex);
  });

  it.each(file.invalid.map((v) => [v.name, v] as const))("refuses %s", (_name, v) => {
    const bytes = Buffer.from(v.hex, "hex");
    expect(protocolErrorOf(() => decodeFrame(bytes)).code).toBe(v.expectedError);
    expect(protocolErrorOf(() => new FrameDecoder().push(bytes)).code).toBe(v.expectedError);
  });

  it("decodes all vectors from one concatenated stream", () => {
    const all = Buffer.concat(file.vectors.map((v) => Buffer.from(v.hex, "hex")));
    const frames = new FrameDecoder().push(all);
    expect(frames.map((f) => f.seq)).toEqual(file.vectors.map((v) => v.seq));
  });
});

// Independent of the generator: bytes worked out by hand from docs/protocol.md.
describe("hand-checked layouts", () => {
  it("heartbeat is a bare 12-byte header", () => {
    expect(encodeFrame(MessageType.HEARTBEAT, 1, {}).toString("hex")).toBe("080000000100010001000000");
  });

  it("ORDER_REQ puts volume and price (10.23 → 102300) at payload offsets 50 and 58", () => {
    const f = encodeFrame(MessageType.ORDER_REQ, 0x01020304, {
      clOrderId: "A1",
      symbol: "SH.600000",
      orderType: 1,
      side: 2,
      volume: 100,
      price: 102300,
    });
    expect(f.length).toBe(12 + 66);
    expect(f.subarray(0, 12).toString("hex")).toBe("4a000000100101000403020" + "1");
    const p = f.subarray(12);
    expect(p.subarray(0, 3).toString("latin1")).toBe("A1\0");
    expect(p.subarray(32, 42).toString("latin1")).toBe("SH.600000\0");
    expect([p[48], p[49]]).toEqual([1, 2]);
    expect(p.subarray(50, 58).toString("hex")).toBe("6400000000000000");
    expect(p.subarray(58, 66).toString("hex")).toBe("9c8f010000000000");
  });

  it("negative i64 is two's complement", () => {
    const f = encodeFrame(MessageType.RISK_NOTIFY, 1, { level: 1, code: -2, message: "" });
    expect(f.subarray(13, 17).toString("hex")).toBe("feffffff");
    const md = decodeFrame(Buffer.from(file.vectors.find((v) => v.typeName === "MARKET_DATA")!.hex, "hex"));
    expect(md.type).toBe(MessageType.MARKET_DATA);
  });

  it("payload sizes match the table of docs/protocol.md", () => {
    const sizes: [MessageType, number][] = [
      [MessageType.ERROR, PayloadSize.ERROR],
      [MessageType.LOGIN_REQ, 161],
      [MessageType.LOGIN_RSP, 176],
      [MessageType.ORDER_REPORT, 283],
      [MessageType.TRADE_REPORT, 161],
      [MessageType.MARKET_DATA, 257],
      [MessageType.BASE_INFO, 98],
      [MessageType.CANCEL_RSP, 197],
      [MessageType.QUERY_REQ, 57],
    ];
    for (const [type, size] of sizes) {
      const v = file.vectors.find((x) => x.type === type)!;
      expect(v.hex.length / 2 - 12, v.typeName).toBe(size);
    }
    const q = file.vectors.find((x) => x.name === "query response: positions, 2 records, negative pnl")!;
    expect(q.hex.length / 2 - 12).toBe(174 + 2 * 96);
  });
});
