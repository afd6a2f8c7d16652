/**
 * Socket.IO Inspector protocol core: pure decoding and encoding of Engine.IO (v3, v4) and Socket.IO
 * (protocol 4, 5; default and msgpack parsers). No DOM, no extension APIs, no Buffer. Nothing throws:
 * problems come back as values (`Packet.error` with `Packet.errorKind`, `{ ok: false, error }`).
 *
 * Usage, one decoder per Engine.IO session (group frames by the `sid` URL parameter / open packet):
 *
 *   const decoder = createSessionDecoder({ url });   // EIO version and kind (Socket.IO / Engine.IO / plain
 *                                                    // WebSocket) come from the URL
 *   const packets = decoder.push({ direction, transport, data, time, httpStatus });
 *
 * A frame is one WebSocket message, or the whole body of one polling request: a GET response is `received`,
 * a POST request body is `sent` (XHR, fetch and JSONP alike; JSONP wrappers and HTTP error bodies are
 * recognised by content). `data` is the text or the bytes as captured. Frames must be pushed in order,
 * across transports (polling, then the WebSocket after the upgrade). Each call returns the packets the
 * frame completes: a BINARY_EVENT comes out once its last attachment arrived, with the attachments in place.
 * ACKs and pongs carry `replyTo` (the `seq` of their EVENT / ping) and `rtt`; the EVENT / ping gets `answeredBy` (the
 * `seq` of its answer) at the same time. Call `decoder.flush()` when the connection is gone to get a binary packet
 * whose attachments never came (flagged).
 *
 * For injection, `encodeEmit` / `encodeAck` give the frames to send on a WebSocket, or the one body to POST.
 */
export type { Direction, ErrorKind, Frame, OpenInfo, Packet, PacketLayer, ParserKind, Transport } from './types';
/** What is wrong with a flagged packet (`Packet.errorKind`), every kind. */
export { ERROR_KINDS } from './types';
/** The packet type tables (wire id ↔ name) of Engine.IO and Socket.IO, and the protocol revisions. */
export {
  EioPacketType,
  eioTypeId,
  eioTypeName,
  SioPacketType,
  sioProtocolFor,
  sioTypeId,
  sioTypeName,
  type EioType,
  type EioVersion,
  type SioProtocol,
  type SioType,
} from './packet-types';
/** The stateful per-session decoder. */
export {
  createSessionDecoder,
  RAW_PREVIEW_LENGTH,
  type SessionDecoder,
  type SessionInfo,
  type SessionKind,
  type SessionOptions,
} from './session';
/** URL helpers: the EIO version (missing = 3), whether a URL is Engine.IO, its sid, its b64 flag. */
export { eioVersionFromUrl, isBase64Url, isEngineIoUrl, isPollingUrl, sidFromUrl } from './engineio-url';
/** Encoders: an emit or an ack for injection; one Engine.IO packet; one polling body; JSONP wrappers. */
export { encodeAck, encodeEmit, type AckSpec, type EmitSpec, type EncodeResult, type EncodeTarget } from './encode';
export { encodeEioPacket } from './engineio';
export { encodePayload } from './payload';
export { wrapJsonpPost, wrapJsonpResponse } from './jsonp';
/** A Socket.IO packet in the text grammar (binary leaves become placeholders and attachments); reserved names. */
export { encodeSioText, RESERVED_EVENTS } from './socketio';
/** msgpack as socket.io-msgpack-parser (notepack.io) writes it. */
export { msgpackEncode } from './msgpack-encode';
/** Base64 to bytes (CDP bodies and binary WebSocket frames arrive base64-encoded); undefined when invalid. */
export { base64Decode, base64Encode, isCanonicalBase64 } from './bytes';
/** JSON values: the one plain-object test, and JSON text of values of any depth. */
export { isPlainObject, stringifyJson } from './json';
export { MAX_ARGS_DEPTH, parseArgs, toFrame, toJsonValue } from './binary-json';
