// The one object shape every decoded packet has. Every field of `Packet` is declared here, so each packet is
// created with all of them (unused ones undefined) and never changes shape afterwards: property reads on packets,
// in the decoder and in the panel, stay monomorphic, and setting a field is a plain store, not a shape transition.
import type {
  Direction,
  EioType,
  OpenInfo,
  Packet,
  PacketLayer,
  ParserKind,
  SioType,
  Transport,
} from './types';

export class DecodedPacket implements Packet {
  eioType?: EioType;
  sioType?: SioType;
  parser?: ParserKind;
  namespace?: string;
  query?: string;
  event?: string | number;
  args?: unknown[];
  data?: unknown;
  ackId?: number;
  ackIdDigits?: string;
  attachments?: number;
  offset?: string;
  open?: OpenInfo;
  replyTo?: number;
  rtt?: number;
  rawTruncated?: boolean;
  error?: string;
  note?: string;

  constructor(
    public seq: number,
    public direction: Direction,
    public transport: Transport,
    public time: number,
    public layer: PacketLayer,
    public size: number,
    public raw: string | Uint8Array,
  ) {}
}
