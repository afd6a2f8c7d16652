// The packet model and the protocol type tables: the one source of truth for type ids and names.

/** Which side produced a frame, seen from the page: `sent` = client → server. */
export type Direction = 'sent' | 'received';
/** How the frame travelled. Fetch, XHR and JSONP polling are all `polling`. */
export type Transport = 'websocket' | 'polling';
/** Engine.IO protocol revision (3 = socket.io 1.x/2.x, 4 = socket.io 3.x/4.x). */
export type EioVersion = 3 | 4;
/** Socket.IO protocol revision (4 over EIO3, 5 over EIO4). */
export type SioProtocol = 4 | 5;
/** Socket.IO packet encoding: the default text parser or socket.io-msgpack-parser. */
export type ParserKind = 'default' | 'msgpack';

/** Engine.IO packet types, indexed by their wire id `0`–`6`. */
export const EIO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;
export type EioType = (typeof EIO_TYPES)[number];

/** Socket.IO packet types by wire id `0`–`6` (protocol 5 names; protocol 4 calls id 4 `ERROR`). */
export const SIO_TYPES = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;
export type SioType = (typeof SIO_TYPES)[number] | 'ERROR';

/** Socket.IO type name for a wire id under a protocol revision; undefined for an unknown id. */
export function sioTypeName(id: number, protocol: SioProtocol): SioType | undefined {
  if (id === 4 && protocol === 4) return 'ERROR';
  return SIO_TYPES[id];
}

/** Socket.IO protocol carried by an Engine.IO revision. */
export function sioProtocolFor(eio: EioVersion): SioProtocol {
  return eio === 3 ? 4 : 5;
}

/** One captured unit: a WebSocket message, or the whole body of one polling request (sent) / response (received). */
export interface Frame {
  direction: Direction;
  transport: Transport;
  /** Text or bytes exactly as captured (decode CDP base64 bodies to bytes first). */
  data: string | Uint8Array;
  /** Milliseconds (any monotonic or epoch clock, used for round-trip times). */
  time: number;
  /** HTTP status of a polling response; >= 400 marks the body as an HTTP error. */
  httpStatus?: number;
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
 * One decoded packet, as the panel shows it. Optional fields are undefined when they do not apply.
 * A class so that every packet is created with all fields and never changes shape afterwards: reads of packet
 * fields, in the decoder and in the panel, stay monomorphic, and setting a field is a plain store.
 */
export class Packet {
  /** Position in the session decoder's output, from 0. */
  seq: number;
  direction: Direction;
  transport: Transport;
  time: number;
  layer: PacketLayer;
  eioType?: EioType;
  sioType?: SioType;
  parser?: ParserKind;
  namespace?: string;
  /** Protocol 4 CONNECT: the query the client appended to the namespace (`/admin?token=abc`). */
  query?: string;
  /** EVENT/BINARY_EVENT: the event name (first element of the data array). */
  event?: string | number;
  /** EVENT: the arguments after the name; ACK: the acknowledgement arguments. Binary values are Uint8Array. */
  args?: unknown[];
  /** Any other payload: CONNECT auth / handshake, ERROR / CONNECT_ERROR data, a plain engine.io message, HTTP error. */
  data?: unknown;
  ackId?: number;
  /** The ack id digits exactly as sent (exact even beyond 2^53). */
  ackIdDigits?: string;
  /** Declared binary attachments (BINARY_EVENT/BINARY_ACK). */
  attachments?: number;
  /** Connection-state-recovery offset trailing a server EVENT (socket.io >= 4.6, when the CONNECT had a pid). */
  offset?: string;
  /** Open packet fields. */
  open?: OpenInfo;
  /** ACK → its EVENT, pong → its ping: the `seq` of the packet this one answers. */
  replyTo?: number;
  /** Milliseconds between the answered packet and this one. */
  rtt?: number;
  /** Bytes on the wire, including attachments. */
  size: number;
  /** The packet as on the wire (header text for binary packets), cut to the preview limit. */
  raw: string | Uint8Array;
  rawTruncated?: boolean;
  /** Set when something is wrong: a human-readable explanation. */
  error?: string;
  /** Informational remarks (e.g. which length rule a v3 payload matched). */
  note?: string;

  constructor(
    seq: number,
    direction: Direction,
    transport: Transport,
    time: number,
    layer: PacketLayer,
    size: number,
    raw: string | Uint8Array,
  ) {
    this.seq = seq;
    this.direction = direction;
    this.transport = transport;
    this.time = time;
    this.layer = layer;
    this.size = size;
    this.raw = raw;
  }
}
