// What kind of packet a Packet is (direction, transport, layer, types, parser), packed in one small integer.
import type { EioType, SioType } from './packet-types';
import type { Direction, PacketLayer, ParserKind, Transport } from './types';

/** One kind as bits of the packed integer: its value is `values[bits]`, undefined at 0 when it is optional. */
class KindBits<T> {
  private readonly mask: number;

  constructor(
    private readonly name: string,
    private readonly values: readonly T[],
    private readonly shift: number,
    width: number,
  ) {
    this.mask = ((1 << width) - 1) << shift;
  }

  read(kinds: number): T {
    return this.values[(kinds & this.mask) >>> this.shift];
  }

  write(kinds: number, value: T): number {
    const at = this.values.indexOf(value);
    if (at < 0) throw new TypeError(`${String(value)} is not a packet ${this.name}`);
    return (kinds & ~this.mask) | (at << this.shift);
  }
}

const DIRECTION = new KindBits<Direction>('direction', ['sent', 'received'], 0, 1);
const TRANSPORT = new KindBits<Transport>('transport', ['websocket', 'polling', 'webtransport'], 1, 2);
const LAYER = new KindBits<PacketLayer>('layer', ['socket.io', 'engine.io', 'websocket', 'http'], 3, 2);
const EIO_TYPES = [undefined, 'open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;
const EIO_TYPE = new KindBits<EioType | undefined>('Engine.IO type', EIO_TYPES, 5, 3);
const SIO_TYPES = [
  undefined,
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
  'ERROR',
] as const;
const SIO_TYPE = new KindBits<SioType | undefined>('Socket.IO type', SIO_TYPES, 8, 4);
const PARSER = new KindBits<ParserKind | undefined>('parser', [undefined, 'default', 'msgpack'], 12, 2);

/**
 * The kinds of a packet, each read and written through an accessor of its own, all held in one number: a million
 * packets in the timeline do not each hold six fields for values of a few bits.
 */
export class PacketKinds {
  private kinds = 0;

  constructor(direction: Direction, transport: Transport, layer: PacketLayer) {
    this.kinds = LAYER.write(TRANSPORT.write(DIRECTION.write(0, direction), transport), layer);
  }

  get direction(): Direction {
    return DIRECTION.read(this.kinds);
  }

  set direction(value: Direction) {
    this.kinds = DIRECTION.write(this.kinds, value);
  }

  get transport(): Transport {
    return TRANSPORT.read(this.kinds);
  }

  set transport(value: Transport) {
    this.kinds = TRANSPORT.write(this.kinds, value);
  }

  get layer(): PacketLayer {
    return LAYER.read(this.kinds);
  }

  set layer(value: PacketLayer) {
    this.kinds = LAYER.write(this.kinds, value);
  }

  get eioType(): EioType | undefined {
    return EIO_TYPE.read(this.kinds);
  }

  set eioType(value: EioType | undefined) {
    this.kinds = EIO_TYPE.write(this.kinds, value);
  }

  get sioType(): SioType | undefined {
    return SIO_TYPE.read(this.kinds);
  }

  set sioType(value: SioType | undefined) {
    this.kinds = SIO_TYPE.write(this.kinds, value);
  }

  /** Socket.IO packets: the parser that encoded them. */
  get parser(): ParserKind | undefined {
    return PARSER.read(this.kinds);
  }

  set parser(value: ParserKind | undefined) {
    this.kinds = PARSER.write(this.kinds, value);
  }
}
