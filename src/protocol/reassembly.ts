// Binary reassembly: a BINARY_EVENT / BINARY_ACK header waits, per direction, for the attachments it declares, which
// may come in later frames, in later requests, and over the other transport after the upgrade.
import type { Origin } from './packet-factory';
import { reconstructBinary } from './placeholders';
import type { SioPacket } from './socketio';
import type { Direction } from './types';

/** A binary packet's header, and the attachments received so far. */
export interface Pending extends Origin {
  sio: SioPacket;
  /** The header as on the wire. */
  raw: string;
  /** Wire size in bytes so far: the header and the attachments received. */
  size: number;
  received: Uint8Array[];
}

export class Reassembly {
  private readonly pending: Record<Direction, Pending | undefined> = { sent: undefined, received: undefined };

  /** Whether a header of this direction waits for attachments. */
  waiting(direction: Direction): boolean {
    return this.pending[direction] !== undefined;
  }

  /** A header that declares attachments: it waits for them. */
  start(origin: Origin, sio: SioPacket, raw: string, size: number): void {
    const { direction, transport, time } = origin;
    this.pending[direction] = { direction, transport, time, sio, raw, size, received: [] };
  }

  /** One attachment for the waiting header of its direction; true when it was the last one declared. */
  add(direction: Direction, attachment: Uint8Array, wireBytes: number): boolean {
    const pending = this.pending[direction]!;
    pending.received.push(attachment);
    pending.size += wireBytes;
    return pending.received.length >= (pending.sio.attachments ?? 0);
  }

  /**
   * Ends the direction's waiting packet, complete or cut short (`interruptedBy` says by what), and flags what is
   * missing. The attachments are put in place of their placeholders, and those out of range flagged, now; or, when
   * the header's arguments stay in its text (`argsLater`), as they are read (see Packet.attachmentData).
   */
  finish(direction: Direction, interruptedBy: string): Pending {
    const pending = this.pending[direction]!;
    this.pending[direction] = undefined;
    const { sio, received } = pending;
    const expected = sio.attachments ?? 0;
    if (received.length < expected)
      sio.flag(
        'attachments',
        `attachment count mismatch: expected ${expected}, got ${received.length} before ${interruptedBy}`,
      );
    if (sio.argsLater) {
      sio.attachmentData = received;
      return pending;
    }
    const rebuilt = reconstructBinary(sio.data, received);
    sio.data = rebuilt.data;
    if (rebuilt.error) sio.flag('attachments', rebuilt.error);
    return pending;
  }
}
