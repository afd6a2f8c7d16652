/**
 * Socket.IO Inspector protocol core: pure decoding and encoding of Engine.IO (v3, v4) and Socket.IO
 * (protocol 4, 5; default and msgpack parsers). No DOM, no extension APIs, no Buffer. Nothing throws:
 * problems come back as values (`Packet.error`, `{ ok: false, error }`).
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
 * ACKs and pongs carry `replyTo` (the `seq` of their EVENT / ping) and `rtt`. Call `decoder.flush()` when the
 * connection is gone to get a binary packet whose attachments never came (flagged).
 *
 * For injection, `encodeEmit` / `encodeAck` give the frames to send on a WebSocket, or the one body to POST.
 */
export type {
  Direction,
  EioType,
  EioVersion,
  Frame,
  OpenInfo,
  Packet,
  PacketLayer,
  ParserKind,
  SioProtocol,
  SioType,
  Transport,
} from './types';
/** Type tables (wire id → name) and the SIO type name for an id under a protocol. */
export { EIO_TYPES, SIO_TYPES, sioTypeName, sioProtocolFor } from './types';
/** The stateful per-session decoder. */
export {
  createSessionDecoder,
  type SessionDecoder,
  type SessionInfo,
  type SessionKind,
  type SessionOptions,
} from './session';
/** URL helpers: the EIO version (missing = 3), whether a URL is Engine.IO, its sid, its b64 flag. */
export { eioVersionFromUrl, isBase64Url, isEngineIoUrl, sidFromUrl } from './engineio';
/** Encoders for injection. */
export { encodeAck, encodeEmit, type AckSpec, type EmitSpec, type EncodeResult, type EncodeTarget } from './encode';
/** Base64 to bytes (CDP bodies and binary WebSocket frames arrive base64-encoded); undefined when invalid. */
export { base64Decode, base64Encode } from './bytes';
