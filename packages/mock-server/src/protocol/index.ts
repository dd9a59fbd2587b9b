export * from "./constants.js";
export * from "./directions.js";
export { EncodeError, ProtocolError, type ProtocolErrorCode } from "./errors.js";
export {
  checkHeader,
  checkLength,
  decodeBody,
  decodeFrame,
  encodeFrame,
  encodeFrameInto,
  encodeMessage,
  isKnownMessageType,
  messageTypeName,
  payloadSize,
  writeHeader,
} from "./frame-codec.js";
export { FrameDecoder, type FrameDecoderOptions } from "./frame-decoder.js";
export * from "./messages.js";
