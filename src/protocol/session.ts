// The session reducer: one stateful decoder per Engine.IO session, fed frames in order from any transport.
// It splits polling bodies, joins binary attachments across frames and requests, detects msgpack, and pairs
// ACK ↔ EVENT and pong ↔ ping.
import { excerpt, parseJson } from './bytes';
import { decodeEioPacket, eioVersionFromUrl, isEngineIoUrl, parseOpen, TEXT_MESSAGE, wireSize } from './engineio';
import { msgpackDecode, startsWithMsgpackMap } from './msgpack';
import { splitPayload, type LengthRule } from './payload';
import { BINARY_ACK, BINARY_EVENT, decodeSioText, reconstructBinary, sioFromObject, type SioPacket } from './socketio';
import {
  sioProtocolFor,
  type Direction,
  type EioVersion,
  type Frame,
  type OpenInfo,
  Packet,
  type PacketLayer,
  type ParserKind,
  type Transport,
} from './types';

/** What the session carries: Socket.IO, a plain Engine.IO app, or a WebSocket that is not Engine.IO at all. */
export type SessionKind = 'auto' | 'socket.io' | 'engine.io' | 'websocket';

export interface SessionOptions {
  /** Any URL of the session (handshake, poll or WebSocket): gives the EIO version and whether it is Engine.IO. */
  url?: string;
  /** Overrides the version taken from the URL. */
  eio?: EioVersion;
  /** Overrides detection. `auto`: Socket.IO unless the first message is not Socket.IO. */
  kind?: SessionKind;
  /** Frames bigger than this (bytes) are flagged and not decoded. Default 16 MiB. */
  maxFrameBytes?: number;
  /** `raw` previews are cut to this many characters/bytes. Default 64 KiB. */
  rawPreviewLimit?: number;
}

/** What the decoder has learnt about the session so far. */
export interface SessionInfo {
  eio: EioVersion;
  kind: SessionKind;
  parser?: ParserKind;
  sid?: string;
  open?: OpenInfo;
  /** The v3 text length rule of the last payload that needed a non-reference rule. */
  lengthRule?: LengthRule;
}

/** A stateful decoder for one Engine.IO session. */
export interface SessionDecoder {
  /** Decode one frame (a WebSocket message, or one whole polling body); returns the packets it completes. */
  push(frame: Frame): Packet[];
  /** End of capture (connection closed): emit any BINARY_EVENT/BINARY_ACK still waiting for attachments, flagged. */
  flush(): Packet[];
  readonly info: Readonly<SessionInfo>;
}

/** Where and when a packet travelled: what a packet takes from its frame. */
interface Origin {
  direction: Direction;
  transport: Transport;
  time: number;
}

/** A BINARY_EVENT/BINARY_ACK header waiting for its attachments. */
interface Pending extends Origin {
  sio: SioPacket;
  raw: string;
  /** Wire size so far: the header and the attachments received. */
  size: number;
  buffers: Uint8Array[];
}

interface Sent {
  seq: number;
  time: number;
}

const MAX_TRACKED = 10_000;

/** What a packet of a v3 text payload says about a length rule other than the reference's. */
const LENGTH_RULE_NOTES: Record<Exclude<LengthRule, 'utf16'>, string> = {
  utf8: 'v3 payload lengths counted in UTF-8 bytes (non-reference server)',
  codepoints: 'v3 payload lengths counted in code points (non-reference server)',
  'utf8-byte-string': 'v3 payload packets written as UTF-8 byte strings (engine.io-parser 1.x), decoded',
};

function urlKind(url: string): SessionKind {
  if (!isEngineIoUrl(url)) return 'websocket';
  const path = url.replace(/[?#].*$/, '');
  if (/\/engine\.io\/?$/.test(path)) return 'engine.io';
  if (/\/socket\.io\/?$/.test(path)) return 'socket.io';
  return 'auto';
}

/** A msgpack-parser packet object: `{type: <number>, nsp: <string>, …}`. */
function isPacketObject(v: unknown): boolean {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o['type'] === 'number' && typeof o['nsp'] === 'string';
}

function opposite(d: Direction): Direction {
  return d === 'sent' ? 'received' : 'sent';
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_TRACKED) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/** Create a decoder for one Engine.IO session (or one non-Engine.IO WebSocket). */
export function createSessionDecoder(options: SessionOptions = {}): SessionDecoder {
  return new Session(options);
}

class Session implements SessionDecoder {
  readonly info: SessionInfo;
  private seq = 0;
  private readonly maxFrame: number;
  private readonly previewLimit: number;
  private readonly pending: Record<Direction, Pending | undefined> = { sent: undefined, received: undefined };
  private readonly acks = new Map<string, Sent>();
  private readonly pings = new Map<string, Sent>();
  private readonly recovering = new Set<string>();

  constructor(options: SessionOptions) {
    const url = options.url ?? '';
    this.info = {
      eio: options.eio ?? (url ? eioVersionFromUrl(url) : 4),
      kind: options.kind ?? (url ? urlKind(url) : 'auto'),
    };
    this.maxFrame = options.maxFrameBytes ?? 16 * 1024 * 1024;
    this.previewLimit = options.rawPreviewLimit ?? 64 * 1024;
  }

  push(frame: Frame): Packet[] {
    const out: Packet[] = [];
    try {
      this.decodeFrame(frame, out);
    } catch (e) {
      // Defensive: a bug must not lose the frame or break the caller.
      out.push(this.failed(frame, 'engine.io', frame.data, `internal decoder error: ${String(e)}`));
    }
    return out;
  }

  flush(): Packet[] {
    const out: Packet[] = [];
    for (const direction of ['sent', 'received'] as const)
      if (this.pending[direction]) out.push(this.completePending(direction, 'the capture ended'));
    return out;
  }

  /** The next packet, its `raw` cut to the preview limit. */
  private packet(origin: Origin, layer: PacketLayer, raw: string | Uint8Array, size = wireSize(raw)): Packet {
    const p = new Packet(this.seq++, origin.direction, origin.transport, origin.time, layer, size, raw);
    if (raw.length > this.previewLimit) {
      p.raw = raw.slice(0, this.previewLimit);
      p.rawTruncated = true;
    }
    return p;
  }

  /** The next packet, flagged with `error`. */
  private failed(origin: Origin, layer: PacketLayer, raw: string | Uint8Array, error: string, size?: number): Packet {
    const p = this.packet(origin, layer, raw, size);
    p.error = error;
    return p;
  }

  private decodeFrame(frame: Frame, out: Packet[]): void {
    const data = frame.data;
    // A UTF-16 unit is at most 3 UTF-8 bytes: count only when the frame may be too big.
    const size = (typeof data === 'string' ? data.length * 3 : data.length) > this.maxFrame ? wireSize(data) : 0;
    if (size > this.maxFrame) {
      out.push(
        this.failed(
          frame,
          this.info.kind === 'websocket' ? 'websocket' : 'engine.io',
          data,
          `frame of ${size} bytes exceeds the ${this.maxFrame}-byte decode limit; not decoded`,
          size,
        ),
      );
      return;
    }
    if (this.info.kind === 'websocket') {
      const p = this.packet(frame, 'websocket', data);
      p.data = data;
      out.push(p);
      return;
    }
    if (frame.transport === 'websocket') {
      this.eioPacket(frame, data, out);
      return;
    }
    const split = splitPayload(data, this.info.eio, frame.httpStatus);
    if (split.httpError) {
      const e = split.httpError;
      const message = e.message ?? (e.status ? `HTTP ${e.status}` : 'HTTP error');
      const p = this.failed(frame, 'http', data, `HTTP error${e.code !== undefined ? ` ${e.code}` : ''}: ${message}`);
      p.data = e;
      out.push(p);
      return;
    }
    if (split.format === 'ok') {
      const p = this.packet(frame, 'http', data);
      p.note = 'POST acknowledged (ok)';
      out.push(p);
      return;
    }
    let note: string | undefined;
    if (split.lengthRule && split.lengthRule !== 'utf16') {
      this.info.lengthRule = split.lengthRule;
      note = LENGTH_RULE_NOTES[split.lengthRule];
    }
    const first = out.length;
    for (const packet of split.packets) this.eioPacket(frame, packet, out);
    if (split.rest) out.push(this.failed(frame, 'engine.io', split.rest.data, split.rest.error));
    if (note) for (let i = first; i < out.length; i++) out[i].note = note;
  }

  private eioPacket(frame: Frame, raw: string | Uint8Array, out: Packet[]): void {
    // The common packet, a text message, goes to the Socket.IO layer whole: it reads the data in place.
    if (typeof raw === 'string' && raw.charCodeAt(0) === TEXT_MESSAGE) {
      this.textMessage(frame, raw, out);
      return;
    }
    const eio = decodeEioPacket(raw, this.info.eio);
    if (eio.error || !eio.type) {
      const p = this.failed(frame, 'engine.io', raw, eio.error ?? 'unknown packet');
      p.eioType = eio.type;
      out.push(p);
      return;
    }
    const type = eio.type;
    if (type === 'message') {
      // Not a text message (handled above): bytes, or base64 text decoded to bytes.
      this.binaryMessage(frame, eio.data as Uint8Array, raw, out);
      return;
    }
    const p = this.packet(frame, 'engine.io', raw);
    p.eioType = type;
    p.data = eio.data;
    if (type === 'open') {
      const parsed = parseOpen(typeof eio.data === 'string' ? eio.data : undefined);
      if ('open' in parsed) {
        p.open = parsed.open;
        this.info.open = parsed.open;
        this.info.sid = parsed.open.sid;
      } else p.error = parsed.error;
    } else if (type === 'ping' || type === 'pong') {
      this.pairPing(p, typeof eio.data === 'string' ? eio.data : '');
    }
    out.push(p);
  }

  /** A ping waits for a pong with the same data (`probe` or nothing) in the other direction. */
  private pairPing(p: Packet, data: string): void {
    if (p.eioType === 'ping') {
      remember(this.pings, `${p.direction}|${data}`, { seq: p.seq, time: p.time });
      return;
    }
    const key = `${opposite(p.direction)}|${data}`;
    const ping = this.pings.get(key);
    if (!ping) return;
    this.pings.delete(key);
    p.replyTo = ping.seq;
    p.rtt = p.time - ping.time;
  }

  /** An Engine.IO message as bytes: a msgpack packet, an attachment, or a plain Engine.IO message. */
  private binaryMessage(frame: Frame, data: Uint8Array, raw: string | Uint8Array, out: Packet[]): void {
    const kind = this.info.kind;
    if (kind === 'engine.io') {
      out.push(this.engineMessage(frame, raw, data));
      return;
    }
    const pending = this.pending[frame.direction];
    if (pending) {
      pending.buffers.push(data);
      pending.size += wireSize(raw);
      if (pending.buffers.length >= (pending.sio.attachments ?? 0)) out.push(this.completePending(frame.direction));
      return;
    }
    const fromMsgpack = startsWithMsgpackMap(data) ? this.msgpackPacket(data) : undefined;
    if (fromMsgpack) out.push(this.emitSio(frame, raw, fromMsgpack, 'msgpack'));
    else if (this.info.parser === 'msgpack') {
      const decoded = msgpackDecode(data);
      const why = decoded.ok ? 'not a {type, nsp} packet object' : decoded.error;
      const p = this.failed(frame, 'socket.io', raw, `invalid msgpack packet: ${why}`);
      p.eioType = 'message';
      p.parser = 'msgpack';
      p.data = data;
      out.push(p);
    } else if (kind === 'socket.io') {
      const p = this.failed(
        frame,
        'socket.io',
        raw,
        'orphan attachment: binary message with no pending BINARY_EVENT/BINARY_ACK',
      );
      p.eioType = 'message';
      p.data = data;
      out.push(p);
    } else out.push(this.engineMessage(frame, raw, data));
  }

  /** A text Engine.IO message `4<data>`: a Socket.IO packet, or a plain Engine.IO message. */
  private textMessage(frame: Frame, raw: string, out: Packet[]): void {
    const kind = this.info.kind;
    if (kind === 'engine.io') {
      out.push(this.engineMessage(frame, raw, raw.slice(1)));
      return;
    }
    if (this.pending[frame.direction]) out.push(this.completePending(frame.direction));
    const protocol = sioProtocolFor(this.info.eio);
    if (raw.charCodeAt(1) === 123 /* { */) {
      // socket.io-msgpack-parser 2.x sends CONNECT/DISCONNECT/ERROR as a JSON packet object.
      const parsed = parseJson(raw.slice(1));
      if (parsed.ok && isPacketObject(parsed.value)) {
        out.push(this.emitSio(frame, raw, sioFromObject(parsed.value, protocol), 'msgpack'));
        return;
      }
    }
    const sio = decodeSioText(raw, 1, protocol);
    if (sio.unknownType && kind === 'auto') {
      this.info.kind = 'engine.io';
      out.push(this.engineMessage(frame, raw, raw.slice(1)));
      return;
    }
    if ((sio.type === BINARY_EVENT || sio.type === BINARY_ACK) && !sio.error && (sio.attachments ?? 0) > 0) {
      const { direction, transport, time } = frame;
      this.pending[direction] = { direction, transport, time, sio, raw, size: wireSize(raw), buffers: [] };
      return;
    }
    out.push(this.emitSio(frame, raw, sio, 'default'));
  }

  private engineMessage(frame: Frame, raw: string | Uint8Array, data: string | Uint8Array): Packet {
    const p = this.packet(frame, 'engine.io', raw);
    p.eioType = 'message';
    p.data = data;
    return p;
  }

  private msgpackPacket(data: Uint8Array): SioPacket | undefined {
    const decoded = msgpackDecode(data);
    return decoded.ok && isPacketObject(decoded.value)
      ? sioFromObject(decoded.value, sioProtocolFor(this.info.eio))
      : undefined;
  }

  /** Finish the direction's pending binary packet, complete or not (a text packet interrupted it). */
  private completePending(direction: Direction, interruptedBy = 'the next text packet'): Packet {
    const pending = this.pending[direction]!;
    this.pending[direction] = undefined;
    const { sio, buffers } = pending;
    const expected = sio.attachments ?? 0;
    const rebuilt = reconstructBinary(sio.data, buffers);
    sio.data = rebuilt.data;
    const mismatch =
      buffers.length < expected
        ? `attachment count mismatch: expected ${expected}, got ${buffers.length} before ${interruptedBy}`
        : undefined;
    if (mismatch || rebuilt.error) sio.error = [mismatch, rebuilt.error].filter(Boolean).join('; ');
    return this.emitSio(pending, pending.raw, sio, 'default', pending.size);
  }

  private emitSio(origin: Origin, raw: string | Uint8Array, sio: SioPacket, parser: ParserKind, size?: number): Packet {
    if (!sio.error && this.info.kind === 'auto') this.info.kind = 'socket.io';
    if ((!sio.error || parser === 'msgpack') && this.info.parser === undefined) this.info.parser = parser;
    const p = this.packet(origin, 'socket.io', raw, size);
    p.eioType = 'message';
    p.parser = parser;
    p.namespace = sio.namespace;
    p.sioType = sio.typeName;
    p.query = sio.query;
    p.ackId = sio.ackId;
    p.ackIdDigits = sio.ackIdDigits;
    p.attachments = sio.attachments;
    const data = sio.data;
    const isEvent = sio.type === 2 || sio.type === BINARY_EVENT;
    const isAck = sio.type === 3 || sio.type === BINARY_ACK;
    if (isEvent && Array.isArray(data) && data.length > 0) {
      // The array is this packet's own (freshly parsed): shifting the name off is cheaper than copying the rest.
      p.event = data.shift() as string | number;
      p.args = data;
    } else if (isAck && Array.isArray(data)) p.args = data;
    else p.data = data;
    p.error = sio.error;
    this.track(p, sio);
    return p;
  }

  /**
   * ACK ↔ EVENT pairing, and connection-state-recovery offsets: a CONNECT with a `pid` either way (the client's, when
   * it recovers, comes before the events the server replays; the server's CONNECT follows them).
   */
  private track(p: Packet, sio: SioPacket): void {
    const ns = p.namespace ?? '/';
    if (sio.type === 0 && typeof (p.data as { pid?: unknown } | undefined)?.pid === 'string') this.recovering.add(ns);
    if (p.event !== undefined) {
      if (p.ackIdDigits !== undefined)
        remember(this.acks, `${p.direction}|${ns}|${p.ackIdDigits}`, { seq: p.seq, time: p.time });
      else if (p.direction === 'received' && this.recovering.has(ns)) {
        const last = p.args?.[p.args.length - 1];
        if (typeof last === 'string') p.offset = last;
      }
      return;
    }
    if ((sio.type === 3 || sio.type === BINARY_ACK) && p.ackIdDigits !== undefined) {
      const key = `${opposite(p.direction)}|${ns}|${p.ackIdDigits}`;
      const event = this.acks.get(key);
      if (!event) {
        p.note = `no EVENT with ack id ${excerpt(p.ackIdDigits, 20)} seen`;
        return;
      }
      this.acks.delete(key);
      p.replyTo = event.seq;
      p.rtt = p.time - event.time;
    }
  }
}
