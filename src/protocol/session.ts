// The session reducer: one stateful decoder per Engine.IO session, fed frames in order from any transport.
// It splits polling bodies, joins binary attachments across frames and requests, detects msgpack, and pairs
// ACK ↔ EVENT and pong ↔ ping.
import { excerpt, parseJson, preview } from './bytes';
import { decodeEioPacket, eioVersionFromUrl, isEngineIoUrl, parseOpen, wireSize } from './engineio';
import { msgpackDecode, startsWithMsgpackMap } from './msgpack';
import { splitPayload, type LengthRule } from './payload';
import { BINARY_ACK, BINARY_EVENT, decodeSioText, reconstructBinary, sioFromObject, type SioPacket } from './socketio';
import {
  sioProtocolFor,
  type Direction,
  type EioVersion,
  type Frame,
  type OpenInfo,
  type Packet,
  type ParserKind,
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

interface Pending {
  sio: SioPacket;
  base: Omit<Packet, 'seq' | 'layer'>;
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
      out.push(this.packet(frame, frame.data, { layer: 'engine.io', error: `internal decoder error: ${String(e)}` }));
    }
    return out;
  }

  flush(): Packet[] {
    const out: Packet[] = [];
    for (const direction of ['sent', 'received'] as const) if (this.pending[direction]) out.push(this.completePending(direction, 'the capture ended'));
    return out;
  }

  private packet(frame: Frame, raw: string | Uint8Array, fields: Partial<Packet> & Pick<Packet, 'layer'>, size = wireSize(raw)): Packet {
    const cut = preview(raw, this.previewLimit);
    const p: Packet = {
      seq: this.seq++,
      direction: frame.direction,
      transport: frame.transport,
      time: frame.time,
      size,
      raw: cut.raw,
      ...fields,
    };
    if (cut.truncated) p.rawTruncated = true;
    return p;
  }

  private decodeFrame(frame: Frame, out: Packet[]): void {
    const data = frame.data;
    // A UTF-16 unit is at most 3 UTF-8 bytes: count only when the frame may be too big.
    const size = (typeof data === 'string' ? data.length * 3 : data.length) > this.maxFrame ? wireSize(data) : 0;
    if (size > this.maxFrame) {
      out.push(this.packet(frame, frame.data, { layer: this.info.kind === 'websocket' ? 'websocket' : 'engine.io', error: `frame of ${size} bytes exceeds the ${this.maxFrame}-byte decode limit; not decoded` }, size));
      return;
    }
    if (this.info.kind === 'websocket') {
      out.push(this.packet(frame, frame.data, { layer: 'websocket', data: frame.data }));
      return;
    }
    if (frame.transport === 'websocket') {
      this.eioPacket(frame, frame.data, out);
      return;
    }
    const split = splitPayload(frame.data, this.info.eio, frame.httpStatus);
    if (split.httpError) {
      const e = split.httpError;
      const message = e.message ?? (e.status ? `HTTP ${e.status}` : 'HTTP error');
      out.push(this.packet(frame, frame.data, { layer: 'http', data: e, error: `HTTP error${e.code !== undefined ? ` ${e.code}` : ''}: ${message}` }));
      return;
    }
    if (split.format === 'ok') {
      out.push(this.packet(frame, frame.data, { layer: 'http', note: 'POST acknowledged (ok)' }));
      return;
    }
    let note: string | undefined;
    if (split.lengthRule && split.lengthRule !== 'utf16') {
      this.info.lengthRule = split.lengthRule;
      note = LENGTH_RULE_NOTES[split.lengthRule];
    }
    const first = out.length;
    for (const record of split.records) {
      if (record.error) out.push(this.packet(frame, record.data, { layer: 'engine.io', error: record.error }));
      else this.eioPacket(frame, record.data, out);
    }
    if (note) for (let i = first; i < out.length; i++) out[i]!.note = note;
  }

  private eioPacket(frame: Frame, data: string | Uint8Array, out: Packet[]): void {
    const eio = decodeEioPacket(data, this.info.eio);
    if (eio.error || !eio.type) {
      out.push(this.packet(frame, data, { layer: 'engine.io', ...(eio.type ? { eioType: eio.type } : {}), error: eio.error ?? 'unknown packet' }));
      return;
    }
    const type = eio.type;
    if (type === 'message') {
      this.message(frame, eio.data ?? '', data, out);
      return;
    }
    const p = this.packet(frame, data, { layer: 'engine.io', eioType: type });
    if (eio.data !== undefined) p.data = eio.data;
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

  private message(frame: Frame, data: string | Uint8Array, raw: string | Uint8Array, out: Packet[]): void {
    const kind = this.info.kind;
    if (kind === 'engine.io') {
      out.push(this.engineMessage(frame, raw, data));
      return;
    }
    const pending = this.pending[frame.direction];
    if (typeof data !== 'string') {
      if (pending) {
        pending.buffers.push(data);
        pending.base.size += wireSize(raw);
        if (pending.buffers.length >= (pending.sio.attachments ?? 0)) out.push(this.completePending(frame.direction));
        return;
      }
      const fromMsgpack = startsWithMsgpackMap(data) ? this.msgpackPacket(data) : undefined;
      if (fromMsgpack) this.emitSio(frame, raw, fromMsgpack, 'msgpack', out);
      else if (this.info.parser === 'msgpack') {
        const decoded = msgpackDecode(data);
        const why = decoded.ok ? 'not a {type, nsp} packet object' : decoded.error;
        out.push(this.packet(frame, raw, { layer: 'socket.io', eioType: 'message', parser: 'msgpack', data, error: `invalid msgpack packet: ${why}` }));
      } else if (kind === 'socket.io') {
        out.push(this.packet(frame, raw, { layer: 'socket.io', eioType: 'message', data, error: 'orphan attachment: binary message with no pending BINARY_EVENT/BINARY_ACK' }));
      } else out.push(this.engineMessage(frame, raw, data));
      return;
    }
    if (pending) out.push(this.completePending(frame.direction));
    if (data.charCodeAt(0) === 123 /* { */) {
      // socket.io-msgpack-parser 2.x sends CONNECT/DISCONNECT/ERROR as a JSON packet object.
      const parsed = parseJson(data);
      if (parsed.ok && isPacketObject(parsed.value)) {
        this.emitSio(frame, raw, sioFromObject(parsed.value, sioProtocolFor(this.info.eio)), 'msgpack', out);
        return;
      }
    }
    const sio = decodeSioText(data, sioProtocolFor(this.info.eio));
    if (sio.unknownType && kind === 'auto') {
      this.info.kind = 'engine.io';
      out.push(this.engineMessage(frame, raw, data));
      return;
    }
    if ((sio.type === BINARY_EVENT || sio.type === BINARY_ACK) && !sio.error && (sio.attachments ?? 0) > 0) {
      const base = { direction: frame.direction, transport: frame.transport, time: frame.time, size: wireSize(raw), raw, eioType: 'message' as const };
      this.pending[frame.direction] = { sio, base, buffers: [] };
      return;
    }
    this.emitSio(frame, raw, sio, 'default', out);
  }

  private engineMessage(frame: Frame, raw: string | Uint8Array, data: string | Uint8Array): Packet {
    return this.packet(frame, raw, { layer: 'engine.io', eioType: 'message', data });
  }

  private msgpackPacket(data: Uint8Array): SioPacket | undefined {
    const decoded = msgpackDecode(data);
    return decoded.ok && isPacketObject(decoded.value) ? sioFromObject(decoded.value, sioProtocolFor(this.info.eio)) : undefined;
  }

  /** Finish the direction's pending binary packet, complete or not (a text packet interrupted it). */
  private completePending(direction: Direction, interruptedBy = 'the next text packet'): Packet {
    const pending = this.pending[direction]!;
    this.pending[direction] = undefined;
    const { sio, base, buffers } = pending;
    const expected = sio.attachments ?? 0;
    const rebuilt = reconstructBinary(sio.data, buffers);
    const errors: string[] = [];
    if (buffers.length < expected) errors.push(`attachment count mismatch: expected ${expected}, got ${buffers.length} before ${interruptedBy}`);
    if (rebuilt.error) errors.push(rebuilt.error);
    const frame: Frame = { direction, transport: base.transport, time: base.time, data: base.raw };
    const out: Packet[] = [];
    this.emitSio(frame, base.raw, { ...sio, data: rebuilt.data, ...(errors.length ? { error: errors.join('; ') } : {}) }, 'default', out, base.size);
    return out[0]!;
  }

  private emitSio(frame: Frame, raw: string | Uint8Array, sio: SioPacket, parser: ParserKind, out: Packet[], size?: number): void {
    if (!sio.error && this.info.kind === 'auto') this.info.kind = 'socket.io';
    if ((!sio.error || parser === 'msgpack') && this.info.parser === undefined) this.info.parser = parser;
    // Built as one literal (no spread of a fields object, no preview object): this runs once per Socket.IO packet.
    const p: Packet = {
      seq: this.seq++,
      direction: frame.direction,
      transport: frame.transport,
      time: frame.time,
      size: size ?? wireSize(raw),
      raw,
      layer: 'socket.io',
      eioType: 'message',
      parser,
      namespace: sio.namespace,
    };
    if (raw.length > this.previewLimit) {
      p.raw = raw.slice(0, this.previewLimit);
      p.rawTruncated = true;
    }
    if (sio.typeName) p.sioType = sio.typeName;
    if (sio.query !== undefined) p.query = sio.query;
    if (sio.ackIdDigits !== undefined) {
      p.ackId = sio.ackId!;
      p.ackIdDigits = sio.ackIdDigits;
    }
    if (sio.attachments !== undefined) p.attachments = sio.attachments;
    const isEvent = sio.type === 2 || sio.type === BINARY_EVENT;
    const isAck = sio.type === 3 || sio.type === BINARY_ACK;
    if (isEvent && Array.isArray(sio.data) && sio.data.length > 0) {
      p.event = sio.data[0] as string | number;
      p.args = sio.data.slice(1);
    } else if (isAck && Array.isArray(sio.data)) p.args = sio.data;
    else if (sio.data !== undefined) p.data = sio.data;
    if (sio.error) p.error = sio.error;
    this.track(p, sio);
    out.push(p);
  }

  /** ACK ↔ EVENT pairing, and connection-state-recovery offsets. */
  private track(p: Packet, sio: SioPacket): void {
    const ns = p.namespace ?? '/';
    if (sio.type === 0 && p.direction === 'received' && typeof (p.data as { pid?: unknown } | undefined)?.pid === 'string') {
      this.recovering.add(ns);
    }
    if (p.event !== undefined) {
      if (p.ackIdDigits !== undefined) remember(this.acks, `${p.direction}|${ns}|${p.ackIdDigits}`, { seq: p.seq, time: p.time });
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
