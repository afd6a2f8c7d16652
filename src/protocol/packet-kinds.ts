// What kind of packet a Packet is (direction, transport, layer, types, parser), packed in one small integer.
import type { EioType, SioType } from './packet-types';
import type { Direction, PacketLayer, ParserKind, Transport } from './types';

const DIRECTIONS: readonly Direction[] = ['sent', 'received'];
const TRANSPORTS: readonly Transport[] = ['websocket', 'polling', 'webtransport'];
const LAYERS: readonly PacketLayer[] = ['socket.io', 'engine.io', 'websocket', 'http'];
/** The optional kinds: undefined at 0. */
const EIO_TYPES: readonly (EioType | undefined)[] = [
  undefined,
  'open',
  'close',
  'ping',
  'pong',
  'message',
  'upgrade',
  'noop',
];
const SIO_TYPES: readonly (SioType | undefined)[] = [
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
const PARSERS: readonly (ParserKind | undefined)[] = [undefined, 'default', 'msgpack'];

/** The bit set in the kinds of a packet flagged with an error. */
const FLAGGED = 1 << 14;

/** `kinds` with the kind at bits `shift` (of `mask` there) set to `value` of `values`. */
function withKind<T>(kinds: number, values: readonly T[], shift: number, mask: number, name: string, value: T): number {
  const at = values.indexOf(value);
  if (at < 0) throw new TypeError(`${String(value)} is not a packet ${name}`);
  return (kinds & ~(mask << shift)) | (at << shift);
}

/**
 * The kinds of a packet, each read and written through an accessor of its own, all held in one number: a million
 * packets in the timeline do not each hold six fields for values of a few bits.
 */
export class PacketKinds {
  private kinds = 0;

  constructor(direction: Direction, transport: Transport, layer: PacketLayer) {
    this.direction = direction;
    this.transport = transport;
    this.layer = layer;
  }

  get direction(): Direction {
    return DIRECTIONS[this.kinds & 1];
  }

  set direction(value: Direction) {
    this.kinds = withKind(this.kinds, DIRECTIONS, 0, 1, 'direction', value);
  }

  get transport(): Transport {
    return TRANSPORTS[(this.kinds >>> 1) & 3];
  }

  set transport(value: Transport) {
    this.kinds = withKind(this.kinds, TRANSPORTS, 1, 3, 'transport', value);
  }

  get layer(): PacketLayer {
    return LAYERS[(this.kinds >>> 3) & 3];
  }

  set layer(value: PacketLayer) {
    this.kinds = withKind(this.kinds, LAYERS, 3, 3, 'layer', value);
  }

  get eioType(): EioType | undefined {
    return EIO_TYPES[(this.kinds >>> 5) & 7];
  }

  set eioType(value: EioType | undefined) {
    this.kinds = withKind(this.kinds, EIO_TYPES, 5, 7, 'Engine.IO type', value);
  }

  get sioType(): SioType | undefined {
    return SIO_TYPES[(this.kinds >>> 8) & 15];
  }

  set sioType(value: SioType | undefined) {
    this.kinds = withKind(this.kinds, SIO_TYPES, 8, 15, 'Socket.IO type', value);
  }

  /** Whether `error` is set: a filter of errors reads this, not the rare fields where the text is held. */
  protected get flagged(): boolean {
    return (this.kinds & FLAGGED) !== 0;
  }

  protected set flagged(value: boolean) {
    this.kinds = value ? this.kinds | FLAGGED : this.kinds & ~FLAGGED;
  }

  /** Socket.IO packets: the parser that encoded them. */
  get parser(): ParserKind | undefined {
    return PARSERS[(this.kinds >>> 12) & 3];
  }

  set parser(value: ParserKind | undefined) {
    this.kinds = withKind(this.kinds, PARSERS, 12, 3, 'parser', value);
  }
}
