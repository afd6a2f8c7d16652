// What kind of packet a Packet is (direction, transport, layer, types, parser) and whether it is flagged, packed in
// one small integer (Packet.kinds): a million packets in the timeline do not each hold seven fields for values of a
// few bits. Each kind has its table (its values by code) and a function from value to code, a switch the compiler
// inlines where Packet's accessors set the kinds.
import type { EioType, SioType } from './packet-types';
import type { Direction, PacketLayer, ParserKind, Transport } from './types';

/** The bit set in the kinds of a packet flagged with an error: a filter of errors reads it, not the rare fields. */
export const FLAGGED = 1 << 14;

function notA(kind: string, value: unknown): never {
  throw new TypeError(`${String(value)} is not a packet ${kind}`);
}

export const DIRECTIONS: readonly Direction[] = ['sent', 'received'];

export function directionCode(value: Direction): number {
  switch (value) {
    case 'sent':
      return 0;
    case 'received':
      return 1;
    default:
      return notA('direction', value);
  }
}

export const TRANSPORTS: readonly Transport[] = ['websocket', 'polling', 'webtransport'];

export function transportCode(value: Transport): number {
  switch (value) {
    case 'websocket':
      return 0;
    case 'polling':
      return 1;
    case 'webtransport':
      return 2;
    default:
      return notA('transport', value);
  }
}

export const LAYERS: readonly PacketLayer[] = ['socket.io', 'engine.io', 'websocket', 'http'];

export function layerCode(value: PacketLayer): number {
  switch (value) {
    case 'socket.io':
      return 0;
    case 'engine.io':
      return 1;
    case 'websocket':
      return 2;
    case 'http':
      return 3;
    default:
      return notA('layer', value);
  }
}

export const EIO_TYPES: readonly (EioType | undefined)[] = [
  undefined,
  'open',
  'close',
  'ping',
  'pong',
  'message',
  'upgrade',
  'noop',
];

export function eioTypeCode(value: EioType | undefined): number {
  switch (value) {
    case undefined:
      return 0;
    case 'open':
      return 1;
    case 'close':
      return 2;
    case 'ping':
      return 3;
    case 'pong':
      return 4;
    case 'message':
      return 5;
    case 'upgrade':
      return 6;
    case 'noop':
      return 7;
    default:
      return notA('Engine.IO type', value);
  }
}

export const SIO_TYPES: readonly (SioType | undefined)[] = [
  undefined,
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
  'ERROR',
];

export function sioTypeCode(value: SioType | undefined): number {
  switch (value) {
    case undefined:
      return 0;
    case 'CONNECT':
      return 1;
    case 'DISCONNECT':
      return 2;
    case 'EVENT':
      return 3;
    case 'ACK':
      return 4;
    case 'CONNECT_ERROR':
      return 5;
    case 'BINARY_EVENT':
      return 6;
    case 'BINARY_ACK':
      return 7;
    case 'ERROR':
      return 8;
    default:
      return notA('Socket.IO type', value);
  }
}

export const PARSERS: readonly (ParserKind | undefined)[] = [undefined, 'default', 'msgpack'];

export function parserCode(value: ParserKind | undefined): number {
  switch (value) {
    case undefined:
      return 0;
    case 'default':
      return 1;
    case 'msgpack':
      return 2;
    default:
      return notA('parser', value);
  }
}

/** A packet's kinds as packed when it is made. */
export function packKinds(direction: Direction, transport: Transport, layer: PacketLayer): number {
  return directionCode(direction) | (transportCode(transport) << 1) | (layerCode(layer) << 3);
}
