// The packet model: what the decoder takes (frames) and what it gives (packets). Type ids: packet-types.ts.

/** Which side produced a frame, seen from the page: `sent` = client → server. */
export type Direction = 'sent' | 'received';
/** How the frame travelled. Fetch, XHR and JSONP polling are all `polling`. */
export type Transport = 'websocket' | 'polling' | 'webtransport';
/** Socket.IO packet encoding: the default text parser or socket.io-msgpack-parser. */
export type ParserKind = 'default' | 'msgpack';

/**
 * One captured unit: a WebSocket message, the whole body of one polling request (sent) / response (received), or a
 * chunk of a WebTransport stream (any part of its length-prefixed packets).
 */
export interface Frame {
  direction: Direction;
  transport: Transport;
  /** Text or bytes exactly as captured (decode CDP base64 bodies to bytes first). */
  data: string | Uint8Array;
  /** Milliseconds (any monotonic or epoch clock, used for round-trip times). */
  time: number;
  /** HTTP status of a polling response; >= 400 marks the body as an HTTP error. */
  httpStatus?: number;
  /** A WebTransport chunk kept truncated: how many of its bytes the capture left out. */
  missing?: number;
}

/** Fields of the Engine.IO open packet. */
export interface OpenInfo {
  sid: string;
  upgrades: string[];
  pingInterval: number;
  pingTimeout: number;
  maxPayload?: number;
}

/**
 * What a packet is:
 * `socket.io` a Socket.IO packet; `engine.io` an Engine.IO packet that carries no Socket.IO packet (open, ping,
 * a plain engine.io app's message …); `websocket` a frame of a WebSocket that is not Engine.IO; `http` a polling
 * body that is not a payload (HTTP error, `ok`).
 */
export type PacketLayer = 'socket.io' | 'engine.io' | 'websocket' | 'http';

/**
 * What is wrong with a flagged packet, beside its human-readable `error` (the first problem when there are several):
 * `frame-too-large` a frame over the decode limit, not decoded; `http-error` a polling response that is an HTTP error;
 * `bad-jsonp` a JSONP body whose wrapper does not unwrap (`raw` is the whole body); `bad-payload` a polling payload
 * (or its rest, in `raw`; unwrapped from JSONP) that does not split into Engine.IO packets; `unknown-type` an
 * Engine.IO or Socket.IO type id outside the table (the type field is then undefined); `bad-packet` a malformed
 * packet (empty, bad base64, bad header, invalid JSON or msgpack, wrong payload shape, ack id beyond 2^53-1);
 * `attachments` binary attachments missing, orphaned or out of range; `internal` a decoder bug, caught.
 */
export const ERROR_KINDS = [
  'frame-too-large',
  'http-error',
  'bad-jsonp',
  'bad-payload',
  'unknown-type',
  'bad-packet',
  'attachments',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export { Packet } from './packet';
