/** The doctor's restated protocol facts equal the mock server's codec (one truth, held by a test). */
import {
  MAX_FRAME_LENGTH as CODEC_MAX,
  decodeFrame,
  ErrorCode,
  MessageType,
  PROTOCOL_VERSION,
} from "@tsgate/mock-server";
import { describe, expect, it } from "vitest";
import { describeBytes } from "../src/doctor/network-probe.js";
import {
  HEARTBEAT_TYPE,
  heartbeatFrame,
  isServerHeader,
  MAX_FRAME_LENGTH,
  WIRE_PROTOCOL_VERSION,
} from "../src/doctor/wire-header.js";

describe("doctor wire header", () => {
  it("matches the codec's version, frame limit and heartbeat type", () => {
    expect(WIRE_PROTOCOL_VERSION).toBe(PROTOCOL_VERSION);
    expect(MAX_FRAME_LENGTH).toBe(CODEC_MAX);
    expect(HEARTBEAT_TYPE).toBe(MessageType.HEARTBEAT);
    expect(ErrorCode.LOGIN_WRONG_PASSWORD).toBe(1002);
  });

  it("its heartbeat frame decodes as one and passes its own header check", () => {
    const frame = heartbeatFrame();
    expect(decodeFrame(frame).type).toBe(MessageType.HEARTBEAT);
    expect(isServerHeader(frame, "trade")).toBe(true);
    expect(isServerHeader(frame, "market")).toBe(true);
  });

  it("tells HTTP, TLS, text and binary apart", () => {
    expect(describeBytes(Buffer.from("HTTP/1.1 400 Bad Request\r\n")).code).toBe("doctor.net.looksLike.http");
    expect(describeBytes(Buffer.from([0x15, 0x03, 0x01, 0, 2, 2, 0x28])).code).toBe(
      "doctor.net.looksLike.tls",
    );
    expect(describeBytes(Buffer.from("SSH-2.0-OpenSSH_9.2\r\n")).params?.text).toBe("SSH-2.0-OpenSSH_9.2");
    expect(describeBytes(Buffer.from([1, 2, 3, 0xff])).code).toBe("doctor.net.looksLike.binary");
  });
});
