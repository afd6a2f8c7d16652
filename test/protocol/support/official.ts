// Thin synchronous wrappers around the official parsers (npm aliases at the versions of each protocol).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Raw = string | Buffer;
export interface EioPacketIn {
  type: string;
  data?: string | Buffer;
}
export interface SioPacketIn {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/** engine.io-parser 1.x, as socket.io 1.7 depends on it (its payloads are UTF-8 byte strings). */
const eio1: any = createRequire(require.resolve('socket.io-v1'))('engine.io-parser');
const eio2: any = require('engine.io-parser-v2');
const eio5: any = require('engine.io-parser-v5');
const sio3: any = require('socket.io-parser-v3');
const sio4: any = require('socket.io-parser-v4');
const mp2: any = require('socket.io-msgpack-parser-v2');
const mp3: any = require('socket.io-msgpack-parser');
export const notepack: { encode(v: unknown): Buffer; decode(b: Buffer): unknown } = require('notepack.io');

function sync<T>(run: (done: (v: T) => void) => void): T {
  let out: T | undefined;
  let called = false;
  run((v) => {
    out = v;
    called = true;
  });
  if (!called) throw new Error('official encoder did not answer synchronously');
  return out as T;
}

/** Official Engine.IO packet encoder (WebSocket frame). */
export function eioEncodePacket(version: 3 | 4, packet: EioPacketIn, supportsBinary: boolean): Raw {
  if (version === 3) return sync<Raw>((done) => eio2.encodePacket(packet, supportsBinary, false, done));
  return sync<Raw>((done) => eio5.encodePacket(packet, supportsBinary, done));
}

/** Official Engine.IO packet decoder (WebSocket frame). */
export function eioDecodePacket(version: 3 | 4, data: Raw): EioPacketIn {
  return version === 3 ? eio2.decodePacket(data) : eio5.decodePacket(data, 'nodebuffer');
}

/** engine.io-parser 1.x's text polling payload, as socket.io 1.x's client posts and its server answers JSONP. */
export function eio1EncodeTextPayload(packets: EioPacketIn[]): string {
  return sync<string>((done) => eio1.encodePayload(packets, false, done));
}

/** engine.io-parser 1.x's payload decoder. */
export function eio1DecodePayload(body: string): EioPacketIn[] {
  const packets: EioPacketIn[] = [];
  eio1.decodePayload(body, (packet: EioPacketIn) => {
    packets.push(packet);
  });
  return packets;
}

/** Official polling payload encoder (v3 may produce the binary form when `supportsBinary`). */
export function eioEncodePayload(version: 3 | 4, packets: EioPacketIn[], supportsBinary: boolean): Raw {
  if (version === 3) return sync<Raw>((done) => eio2.encodePayload(packets, supportsBinary, done));
  return sync<Raw>((done) => eio5.encodePayload(packets, done));
}

/** Official polling payload decoder. */
export function eioDecodePayload(version: 3 | 4, body: Raw): EioPacketIn[] {
  if (version === 4) return eio5.decodePayload(body, 'nodebuffer');
  const out: EioPacketIn[] = [];
  eio2.decodePayload(body, (p: EioPacketIn) => {
    out.push(p);
  });
  return out;
}

export type SioParser = 'v3' | 'v4' | 'msgpack2' | 'msgpack3';

/** Official Socket.IO encoder: the Engine.IO message data it produces for one packet. */
export function sioEncode(parser: SioParser, packet: SioPacketIn): Raw[] {
  switch (parser) {
    case 'v3':
      return sync<Raw[]>((done) => new sio3.Encoder().encode(packet, done));
    case 'v4':
      return new sio4.Encoder().encode(packet);
    case 'msgpack2':
      return sync<Raw[]>((done) => new mp2.Encoder().encode(packet, done));
    case 'msgpack3':
      return new mp3.Encoder().encode(packet);
  }
}

/** Official Socket.IO decoder fed a list of Engine.IO message data; returns decoded packets (throws like the reference). */
export function sioDecode(parser: SioParser, messages: Raw[]): SioPacketIn[] {
  const Decoder = { v3: sio3, v4: sio4, msgpack2: mp2, msgpack3: mp3 }[parser].Decoder;
  const decoder = parser.startsWith('v') ? new Decoder({ maxAttachments: 1000 }) : new Decoder();
  const out: SioPacketIn[] = [];
  decoder.on('decoded', (p: SioPacketIn) => out.push(p));
  for (const m of messages) decoder.add(m);
  return out;
}
