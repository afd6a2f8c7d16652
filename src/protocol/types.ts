// The packet model: what the decoder takes (frames) and what it gives (packets). Type ids: packet-types.ts.
import type { EioType, SioType } from './packet-types';

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

/** Fields most packets leave unset: held in a packet's `rare` object, made when one of them is first set. */
const RARE_FIELDS = [
  'query',
  'data',
  'ackId',
  'ackIdDigits',
  'attachments',
  'offset',
  'open',
  'attachmentsReceived',
  'completedAt',
  'replyTo',
  'answeredBy',
  'rtt',
  'httpStatus',
  'rawTruncated',
  'errorKind',
  'note',
] as const;

/** A packet's rare fields, all of them in one shape: each access a store or load at a known place. */
class RareFields implements Record<(typeof RARE_FIELDS)[number], unknown> {
  query: unknown = undefined;
  data: unknown = undefined;
  ackId: unknown = undefined;
  ackIdDigits: unknown = undefined;
  attachments: unknown = undefined;
  offset: unknown = undefined;
  open: unknown = undefined;
  attachmentsReceived: unknown = undefined;
  completedAt: unknown = undefined;
  replyTo: unknown = undefined;
  answeredBy: unknown = undefined;
  rtt: unknown = undefined;
  httpStatus: unknown = undefined;
  rawTruncated: unknown = undefined;
  errorKind: unknown = undefined;
  note: unknown = undefined;
}

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
  declare query?: string;
  /** EVENT/BINARY_EVENT: the event name (first element of the data array). */
  event?: string | number;
  /**
   * The arguments as decoded, or where their JSON begins in `raw` when they are parsed again as they are read (see
   * keepArgsInRaw): a million packets in the timeline then hold their wire text, not a tree of values each.
   */
  private argsSource: unknown[] | number | undefined;
  /** Any other payload: CONNECT auth / handshake, ERROR / CONNECT_ERROR data, a plain engine.io message, HTTP error. */
  declare data?: unknown;
  declare ackId?: number;
  /** The ack id digits exactly as sent (exact even beyond 2^53). */
  declare ackIdDigits?: string;
  /** Declared binary attachments (BINARY_EVENT/BINARY_ACK). */
  declare attachments?: number;
  /** Connection-state-recovery offset trailing a server EVENT (socket.io >= 4.6, when the CONNECT had a pid). */
  declare offset?: string;
  /** Open packet fields. */
  declare open?: OpenInfo;
  /** BINARY_EVENT/BINARY_ACK that waited for attachments: how many arrived (fewer than declared when cut short). */
  declare attachmentsReceived?: number;
  /**
   * BINARY_EVENT/BINARY_ACK completed by a later frame than its header's (its last attachment, the text packet that
   * cut it short, or the end of the capture): that frame's time. `time` is the header's.
   */
  declare completedAt?: number;
  /** ACK → its EVENT, pong → its ping: the `seq` of the packet this one answers. */
  declare replyTo?: number;
  /** The other side of `replyTo`, set on the EVENT / ping when its answer arrives: the `seq` of that answer. */
  declare answeredBy?: number;
  /** Milliseconds between the answered packet and this one. */
  declare rtt?: number;
  /** A polling body that is no payload (layer `http`): the response's HTTP status, when known. */
  declare httpStatus?: number;
  /** Bytes on the wire, including attachments. */
  size: number;
  /** The packet as on the wire (header text for binary packets), cut to the preview limit. */
  raw: string | Uint8Array;
  declare rawTruncated?: boolean;
  /** Set when something is wrong: a human-readable explanation. */
  error?: string;
  /** Set with `error`: what kind of problem it is, for code to read. */
  declare errorKind?: ErrorKind;
  /** Informational remarks (e.g. which length rule a v3 payload matched). */
  declare note?: string;

  /** The rare fields set (see RARE_FIELDS): a million packets in the timeline do not each hold a slot for every one. */
  private rare: RareFields | undefined;

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

  static {
    for (const name of RARE_FIELDS) {
      Object.defineProperty(Packet.prototype, name, {
        get(this: Packet) {
          return this.rare?.[name];
        },
        set(this: Packet, value: unknown) {
          if (this.rare) this.rare[name] = value;
          else if (value !== undefined) (this.rare = new RareFields())[name] = value;
        },
      });
    }
  }

  /** EVENT: the arguments after the name; ACK: the acknowledgement arguments. Binary values are Uint8Array. */
  get args(): unknown[] | undefined {
    const source = this.argsSource;
    return typeof source === 'number' ? argsInRaw(this, source) : source;
  }

  set args(args: unknown[] | undefined) {
    this.argsSource = args;
  }

  /**
   * Lets go of the decoded arguments, read again from `raw` (whole, valid JSON, as it was decoded) from `at` on: the
   * JSON array of an EVENT (its name first) or of an ACK.
   */
  keepArgsInRaw(at: number): void {
    this.argsSource = at;
  }
}

/** Packets whose arguments were read from `raw` last, at most: each read of one of them gives the same array. */
const RECENT_ARGS = 64;
const recentArgs = new Map<Packet, unknown[]>();

function argsInRaw(packet: Packet, at: number): unknown[] {
  let args = recentArgs.get(packet);
  if (args === undefined) {
    const data = JSON.parse((packet.raw as string).slice(at)) as unknown[];
    args = packet.event === undefined ? data : data.slice(1);
    if (recentArgs.size >= RECENT_ARGS) recentArgs.delete(recentArgs.keys().next().value!);
    recentArgs.set(packet, args);
  }
  return args;
}
