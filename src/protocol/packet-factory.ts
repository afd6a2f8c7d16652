// Making packets: numbered in the order the session decoder emits them, `raw` cut to the preview length.
import { wireSize } from './engineio';
import { Packet, type Direction, type ErrorKind, type PacketLayer, type Transport } from './types';

/** Where and when a packet travelled: what a packet takes from its frame. */
export interface Origin {
  direction: Direction;
  transport: Transport;
  time: number;
}

export class PacketFactory {
  private seq = 0;

  /** `rawPreviewLength`: the longest `raw` kept, in string length (UTF-16 units) for text, in bytes for binary. */
  constructor(private readonly rawPreviewLength: number) {}

  /** Whether a packet of this `raw` keeps it whole (not cut to the preview length). */
  keepsWhole(raw: string | Uint8Array): boolean {
    return raw.length <= this.rawPreviewLength;
  }

  /** The next packet; `size` is its wire size in bytes (by default the UTF-8 size of `raw`). */
  create(origin: Origin, layer: PacketLayer, raw: string | Uint8Array, size = wireSize(raw)): Packet {
    const p = new Packet(this.seq++, origin.direction, origin.transport, origin.time, layer, size, raw);
    if (!this.keepsWhole(raw)) {
      p.raw = raw.slice(0, this.rawPreviewLength);
      p.rawTruncated = true;
    }
    return p;
  }

  /** The next packet, flagged. */
  failed(
    origin: Origin,
    layer: PacketLayer,
    raw: string | Uint8Array,
    kind: ErrorKind,
    error: string,
    size?: number,
  ): Packet {
    const p = this.create(origin, layer, raw, size);
    p.error = error;
    p.errorKind = kind;
    return p;
  }
}
