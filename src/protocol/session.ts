// The session reducer: one stateful decoder per Engine.IO session, fed frames in order from any transport. It
// composes framing (frames → Engine.IO packets), the Engine.IO and Socket.IO packet decoders, binary reassembly and
// pairing, and learns what the session carries (Socket.IO or plain Engine.IO, the parser) from its packets.
import { decodeEioPacket, parseOpen, TEXT_MESSAGE, wireSize } from './engineio';
import { eioVersionFromUrl, isEngineIoUrl, urlPath } from './engineio-url';
import { EventNames } from './event-names';
import { Framing } from './framing';
import { isPlainObject, parseJson } from './json';
import { msgpackDecode, msgpackDecodeHead, startsWithMsgpackMap } from './msgpack-decode';
import { PacketFactory, type Origin } from './packet-factory';
import { sioProtocolFor, SioPacketType, textFormOf, type EioVersion } from './packet-types';
import { Pairing } from './pairing';
import type { LengthRule } from './payload';
import { Reassembly } from './reassembly';
import { decodeSioText, sioFromObject, type SioPacket } from './socketio';
import type { Direction, Frame, OpenInfo, Packet, ParserKind } from './types';

/** What the session carries: Socket.IO, a plain Engine.IO app, or a WebSocket that is not Engine.IO at all. */
export type SessionKind = 'auto' | 'socket.io' | 'engine.io' | 'websocket';

export interface SessionOptions {
  /** Any URL of the session (handshake, poll or WebSocket): gives the EIO version and whether it is Engine.IO. */
  url?: string;
  /** Overrides the version taken from the URL. */
  eio?: EioVersion;
  /** Overrides detection. `auto`: Socket.IO unless the first message is not Socket.IO. */
  kind?: SessionKind;
  /** Frames bigger than this many bytes (UTF-8 bytes for text) are flagged and not decoded. Default 16 MiB. */
  maxFrameSize?: number;
  /** `raw` is cut to this length: string length (UTF-16 units) for text, bytes for binary. Default 64 Ki. */
  rawPreviewLength?: number;
}

/** The default `rawPreviewLength`. */
export const RAW_PREVIEW_LENGTH = 64 * 1024;

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

function urlKind(url: string): SessionKind {
  if (!isEngineIoUrl(url)) return 'websocket';
  const path = urlPath(url);
  if (/\/engine\.io\/?$/.test(path)) return 'engine.io';
  if (/\/socket\.io\/?$/.test(path)) return 'socket.io';
  return 'auto';
}

/** A msgpack-parser packet object: `{type: <number>, nsp: <string>, …}`. */
function isPacketObject(v: unknown): boolean {
  return isPlainObject(v) && typeof v['type'] === 'number' && typeof v['nsp'] === 'string';
}

/**
 * Where `data` begins in `raw`, when it is `raw` or `raw` without its first byte (an EIO3 binary packet's type), as
 * decodeEioPacket reads them; -1 when `data` is not in `raw` (decoded from base64). Reads no `buffer`: V8 holds small
 * typed arrays in its heap, and asking one for its buffer moves it out.
 */
function bytesAfter(raw: string | Uint8Array, data: Uint8Array): number {
  if (data === raw) return 0;
  if (typeof raw === 'string') return -1;
  return data.length === raw.length - 1 && data.byteOffset === raw.byteOffset + 1 ? 1 : -1;
}

/** Create a decoder for one Engine.IO session (or one non-Engine.IO WebSocket). */
export function createSessionDecoder(options: SessionOptions = {}): SessionDecoder {
  return new SessionReducer(options);
}

class SessionReducer implements SessionDecoder {
  readonly info: SessionInfo;
  private readonly make: PacketFactory;
  private readonly framing: Framing;
  private readonly reassembly = new Reassembly();
  /** The time of the last frame pushed: when the end of the capture finishes a waiting packet. */
  private lastTime = -Infinity;
  private readonly pairing = new Pairing();
  private readonly names = new EventNames();

  constructor(options: SessionOptions) {
    const url = options.url ?? '';
    this.info = {
      eio: options.eio ?? (url ? eioVersionFromUrl(url) : 4),
      kind: options.kind ?? (url ? urlKind(url) : 'auto'),
    };
    this.make = new PacketFactory(options.rawPreviewLength ?? RAW_PREVIEW_LENGTH);
    this.framing = new Framing(this.make, options.maxFrameSize ?? 16 * 1024 * 1024, (frame, raw, out) =>
      this.eioPacket(frame, raw, out),
    );
  }

  push(frame: Frame): Packet[] {
    const out: Packet[] = [];
    this.lastTime = frame.time;
    try {
      this.framing.read(frame, this.info, out);
    } catch (e) {
      // Defensive: a bug must not lose the frame or break the caller.
      out.push(this.make.failed(frame, 'engine.io', frame.data, 'internal', `internal decoder error: ${String(e)}`));
    }
    return out;
  }

  flush(): Packet[] {
    const out: Packet[] = [];
    for (const direction of ['sent', 'received'] as const)
      if (this.reassembly.waiting(direction))
        out.push(this.completePending(direction, 'the capture ended', this.lastTime));
    return out;
  }

  private eioPacket(frame: Frame, raw: string | Uint8Array, out: Packet[]): void {
    // The common packet, a text message, goes to the Socket.IO layer whole: it reads the data in place.
    if (typeof raw === 'string' && raw.charCodeAt(0) === TEXT_MESSAGE) {
      this.textMessage(frame, raw, out);
      return;
    }
    const eio = decodeEioPacket(raw, this.info.eio);
    if (eio.errorKind) {
      const p = this.make.failed(frame, 'engine.io', raw, eio.errorKind, eio.error ?? 'invalid packet');
      p.eioType = eio.type;
      out.push(p);
      return;
    }
    const type = eio.type!;
    if (type === 'message') {
      // Not a text message (handled above): bytes, or base64 text decoded to bytes.
      this.binaryMessage(frame, eio.data as Uint8Array, raw, out);
      return;
    }
    const p = this.make.create(frame, 'engine.io', raw);
    p.eioType = type;
    p.data = eio.data;
    if (type === 'open' && frame.transport === 'webtransport' && frame.direction === 'sent') {
      p.note = 'WebTransport handshake: the client names its session';
    } else if (type === 'open') {
      const parsed = parseOpen(typeof eio.data === 'string' ? eio.data : undefined);
      if ('open' in parsed) {
        p.open = parsed.open;
        this.info.open = parsed.open;
        this.info.sid = parsed.open.sid;
      } else {
        p.error = parsed.error;
        p.errorKind = 'bad-packet';
      }
    } else if (type === 'ping' || type === 'pong') {
      this.pairing.pingPong(p, typeof eio.data === 'string' ? eio.data : '');
    }
    out.push(p);
  }

  /** An Engine.IO message as bytes: a msgpack packet, an attachment, or a plain Engine.IO message. */
  private binaryMessage(frame: Frame, data: Uint8Array, raw: string | Uint8Array, out: Packet[]): void {
    const kind = this.info.kind;
    if (kind === 'engine.io') {
      out.push(this.engineMessage(frame, raw, data));
      return;
    }
    if (this.reassembly.waiting(frame.direction)) {
      if (this.reassembly.add(frame.direction, data, wireSize(raw)))
        out.push(this.completePending(frame.direction, 'the next text packet', frame.time));
      return;
    }
    const fromMsgpack = startsWithMsgpackMap(data) ? this.msgpackPacket(data, raw) : undefined;
    if (fromMsgpack) out.push(this.emitSio(frame, raw, fromMsgpack, 'msgpack'));
    else if (this.info.parser === 'msgpack') {
      const decoded = msgpackDecode(data);
      const why = decoded.ok ? 'not a {type, nsp} packet object' : decoded.error;
      const p = this.make.failed(frame, 'socket.io', raw, 'bad-packet', `invalid msgpack packet: ${why}`);
      p.eioType = 'message';
      p.parser = 'msgpack';
      p.data = data;
      out.push(p);
    } else if (kind === 'socket.io') {
      const error = 'orphan attachment: binary message with no pending BINARY_EVENT/BINARY_ACK';
      const p = this.make.failed(frame, 'socket.io', raw, 'attachments', error);
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
    if (this.reassembly.waiting(frame.direction))
      out.push(this.completePending(frame.direction, 'the next text packet', frame.time));
    const protocol = sioProtocolFor(this.info.eio);
    if (raw.charCodeAt(1) === 123 /* { */) {
      // socket.io-msgpack-parser 2.x sends CONNECT/DISCONNECT/ERROR as a JSON packet object.
      const parsed = parseJson(raw.slice(1));
      if (parsed.ok && isPacketObject(parsed.value)) {
        out.push(this.emitSio(frame, raw, sioFromObject(parsed.value, protocol), 'msgpack'));
        return;
      }
    }
    // Arguments kept in `raw` (whole, not cut to the preview) are checked when first read (Packet.checkArgs).
    const sio = decodeSioText(raw, 1, protocol, this.make.keepsWhole(raw));
    if (sio.type === undefined && kind === 'auto') {
      this.info.kind = 'engine.io';
      out.push(this.engineMessage(frame, raw, raw.slice(1)));
      return;
    }
    const binary = sio.type === SioPacketType.BINARY_EVENT || sio.type === SioPacketType.BINARY_ACK;
    if (binary && !sio.error && (sio.attachments ?? 0) > 0) {
      this.reassembly.start(frame, sio, raw, wireSize(raw));
      return;
    }
    out.push(this.emitSio(frame, raw, sio, 'default'));
  }

  private engineMessage(frame: Frame, raw: string | Uint8Array, data: string | Uint8Array): Packet {
    const p = this.make.create(frame, 'engine.io', raw);
    p.eioType = 'message';
    p.data = data;
    return p;
  }

  /**
   * A msgpack packet object, or undefined when `data` is none. A valid EVENT's or ACK's arguments, checked, stay in
   * `raw` when it holds `data` whole (see Packet.keepArgsInRaw), as a text packet's do: a million packets in the
   * timeline then hold their bytes, not a tree of values each.
   */
  private msgpackPacket(data: Uint8Array, raw: string | Uint8Array): SioPacket | undefined {
    // Arguments can stay only in bytes the packet keeps whole: not decoded from base64, not cut to the preview.
    const dataInRaw = this.make.keepsWhole(raw) ? bytesAfter(raw, data) : -1;
    if (dataInRaw < 0) return this.sioFromMsgpack(msgpackDecode(data));
    const head = msgpackDecodeHead(data);
    const sio = this.sioFromMsgpack(head);
    if (!sio || !head.ok || head.dataAt === undefined) return sio;
    const form = sio.type === undefined ? undefined : textFormOf(sio.type);
    if ((form === SioPacketType.EVENT || form === SioPacketType.ACK) && !sio.error) {
      sio.argsLater = 'checked';
      sio.dataAt = dataInRaw + head.dataAt;
      if (form === SioPacketType.EVENT) sio.event = (sio.data as [string | number])[0];
      sio.data = undefined;
      return sio;
    }
    // Another type's array, or a flagged packet's: its data is shown as it is, read whole.
    return this.sioFromMsgpack(msgpackDecode(data)) ?? sio;
  }

  /** The socket.io packet a decoded msgpack value is, or undefined when it failed or is no packet object. */
  private sioFromMsgpack(decoded: { ok: true; value: unknown } | { ok: false }): SioPacket | undefined {
    if (!decoded.ok || !isPacketObject(decoded.value)) return undefined;
    return sioFromObject(decoded.value, sioProtocolFor(this.info.eio));
  }

  /**
   * Finish the direction's pending binary packet, complete or not (`interruptedBy` says what cut it short), at the
   * time of the frame that finished it.
   */
  private completePending(direction: Direction, interruptedBy: string, time: number): Packet {
    const pending = this.reassembly.finish(direction, interruptedBy);
    const p = this.emitSio(pending, pending.raw, pending.sio, 'default', pending.size);
    p.attachmentsReceived = pending.received.length;
    if (time > p.time) p.completedAt = time;
    return p;
  }

  /**
   * The name and arguments of an EVENT, the arguments of an ACK, else the data. A text EVENT or ACK whose whole wire
   * text is kept holds that text, not its arguments (read again when needed: see Packet.keepArgsInRaw); a binary one
   * its header's text and its attachments.
   */
  private setPayload(p: Packet, sio: SioPacket, raw: string | Uint8Array): void {
    if (sio.argsLater) {
      if (sio.event !== undefined) p.event = this.names.shared(sio.event);
      if (sio.attachmentData !== undefined) p.attachmentData = sio.attachmentData;
      p.keepArgsInRaw(sio.dataAt!, sio.argsLater === 'checked');
      return;
    }
    const data = sio.data;
    const type = sio.type === undefined ? undefined : textFormOf(sio.type);
    const event = type === SioPacketType.EVENT && Array.isArray(data) && data.length > 0;
    if (!event && !(type === SioPacketType.ACK && Array.isArray(data))) {
      if (data !== undefined) p.data = data;
      return;
    }
    if (event) p.event = this.names.shared(data[0] as string | number);
    const textual = sio.type === SioPacketType.EVENT || sio.type === SioPacketType.ACK;
    // `raw` kept as it came (not cut to the preview) holds the whole JSON.
    if (textual && sio.dataAt !== undefined && p.raw === raw) p.keepArgsInRaw(sio.dataAt);
    else {
      // The array is this packet's own (freshly parsed): shifting the name off is cheaper than copying the rest.
      if (event) data.shift();
      p.args = data;
    }
  }

  private emitSio(origin: Origin, raw: string | Uint8Array, sio: SioPacket, parser: ParserKind, size?: number): Packet {
    if (!sio.error && this.info.kind === 'auto') this.info.kind = 'socket.io';
    if ((!sio.error || parser === 'msgpack') && this.info.parser === undefined) this.info.parser = parser;
    const p = this.make.create(origin, 'socket.io', raw, size);
    p.eioType = 'message';
    p.parser = parser;
    p.namespace = sio.namespace;
    p.sioType = sio.typeName;
    // Rare fields (see Packet) are set only when present: most packets then never make their object.
    if (sio.query !== undefined) p.query = sio.query;
    if (sio.ackIdDigits !== undefined) {
      p.ackId = sio.ackId;
      p.ackIdDigits = sio.ackIdDigits;
    }
    if (sio.attachments !== undefined) p.attachments = sio.attachments;
    this.setPayload(p, sio, raw);
    p.error = sio.error;
    if (sio.errorKind !== undefined) p.errorKind = sio.errorKind;
    if (sio.type !== undefined) this.pairing.socketIo(p, sio.type);
    return p;
  }
}
