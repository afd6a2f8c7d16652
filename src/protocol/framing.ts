// Framing: the Engine.IO packets one captured frame holds. A WebSocket message is one packet; a polling body is split
// into its packets (payload.ts); a WebTransport chunk completes any number of packets of its stream (one reader per
// direction, webtransport-stream.ts). What holds no packet becomes a packet of its own here: a frame over the decode
// limit, a plain WebSocket's frame, an HTTP error, the `ok` answering a POST, the rest of a body that does not split.
import { utf8Encode } from './bytes';
import { wireSize } from './engineio';
import type { PacketFactory } from './packet-factory';
import { splitPayload, type LengthRule } from './payload';
import type { SessionInfo } from './session';
import type { Direction, Frame, Packet } from './types';
import { createStreamReader, type StreamReader } from './webtransport-stream';

/** What a packet of a v3 text payload says about a length rule other than the reference's. */
const LENGTH_RULE_NOTES: Record<Exclude<LengthRule, 'utf16'>, string> = {
  utf8: 'v3 payload lengths counted in UTF-8 bytes (non-reference server)',
  codepoints: 'v3 payload lengths counted in code points (non-reference server)',
  'utf8-byte-string': 'v3 payload packets written as UTF-8 byte strings (engine.io-parser 1.x), decoded',
};

/** Decodes one Engine.IO packet (text or bytes, as on the wire) of a frame into `out`. */
export type EioPacketDecoder = (frame: Frame, raw: string | Uint8Array, out: Packet[]) => void;

export class Framing {
  /** The framing readers of the session's WebTransport stream, one per direction. */
  private readonly streams: Partial<Record<Direction, StreamReader>> = {};

  constructor(
    private readonly make: PacketFactory,
    /** Frames over this many bytes (UTF-8 for text) are flagged and not decoded. */
    private readonly maxFrameSize: number,
    private readonly decodePacket: EioPacketDecoder,
  ) {}

  /** The packets of one frame, in order, into `out`. */
  read(frame: Frame, info: SessionInfo, out: Packet[]): void {
    if (frame.transport === 'webtransport') {
      this.streamChunk(frame, out);
      return;
    }
    const data = frame.data;
    // A UTF-16 unit is at most 3 UTF-8 bytes: count the bytes only when the frame may be too big.
    const maxBytes = this.maxFrameSize;
    const bytes = (typeof data === 'string' ? data.length * 3 : data.length) > maxBytes ? wireSize(data) : 0;
    if (bytes > maxBytes) {
      const layer = info.kind === 'websocket' ? 'websocket' : 'engine.io';
      const error = `frame of ${bytes} bytes exceeds the ${maxBytes}-byte decode limit; not decoded`;
      out.push(this.make.failed(frame, layer, data, 'frame-too-large', error, bytes));
      return;
    }
    if (info.kind === 'websocket') {
      const p = this.make.create(frame, 'websocket', data);
      p.data = data;
      out.push(p);
    } else if (frame.transport === 'websocket') this.decodePacket(frame, data, out);
    else this.pollingBody(frame, info, out);
  }

  /** A WebTransport chunk: the packets its stream's framing completes (packets over the decode limit stop it). */
  private streamChunk(frame: Frame, out: Packet[]): void {
    const reader = (this.streams[frame.direction] ??= createStreamReader(this.maxFrameSize));
    const data = typeof frame.data === 'string' ? utf8Encode(frame.data) : frame.data;
    for (const item of reader.push(data, frame.missing)) {
      if ('error' in item) out.push(this.make.failed(frame, 'engine.io', data, 'bad-payload', item.error));
      else this.decodePacket(frame, 'text' in item ? item.text : item.binary, out);
    }
  }

  private pollingBody(frame: Frame, info: SessionInfo, out: Packet[]): void {
    const split = splitPayload(frame.data, info.eio, frame.httpStatus);
    if (split.httpError) {
      const e = split.httpError;
      const message = e.message ?? (e.status ? `HTTP ${e.status}` : 'HTTP error');
      const error = `HTTP error${e.code !== undefined ? ` ${e.code}` : ''}: ${message}`;
      const p = this.make.failed(frame, 'http', frame.data, 'http-error', error);
      p.data = e;
      p.httpStatus = frame.httpStatus;
      out.push(p);
      return;
    }
    if (split.format === 'ok') {
      const p = this.make.create(frame, 'http', frame.data);
      p.note = 'POST acknowledged (ok)';
      p.httpStatus = frame.httpStatus;
      out.push(p);
      return;
    }
    let note: string | undefined;
    if (split.lengthRule && split.lengthRule !== 'utf16') {
      info.lengthRule = split.lengthRule;
      note = LENGTH_RULE_NOTES[split.lengthRule];
    }
    const first = out.length;
    for (const packet of split.packets) this.decodePacket(frame, packet, out);
    const rest = split.rest;
    if (rest) out.push(this.make.failed(frame, 'engine.io', rest.data, rest.errorKind, rest.error));
    if (note) for (let i = first; i < out.length; i++) out[i].note = note;
  }
}
