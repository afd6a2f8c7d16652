import type { Packet } from '../protocol';
import { boundedText, jsonText, MAX_DEPTH, NAME_CHARS, PREVIEW_CHARS } from './bounded';

export interface PacketSummary {
  /** The Socket.IO type when there is one, else the Engine.IO type, else the layer. */
  type: string;
  /** The event name, or `ack <id>` for an ACK. */
  name: string;
  /** The arguments (or payload) on one line. */
  preview: string;
}

/** JSON on one line, binary values as `<binary N B>`, cut to the preview length and depth. */
export function previewValue(value: unknown): string {
  return jsonText(value, { maxChars: PREVIEW_CHARS, maxDepth: MAX_DEPTH });
}

function payloadOf(packet: Packet): unknown {
  if (packet.args !== undefined) return packet.args;
  if (packet.open) return packet.open;
  return packet.data;
}

const summaries = new WeakMap<Packet, PacketSummary>();

/** How a packet reads on one timeline row; computed once per packet. */
export function packetSummary(packet: Packet): PacketSummary {
  const known = summaries.get(packet);
  if (known) return known;
  const type = packet.sioType ?? packet.eioType ?? packet.layer;
  const name = boundedText(
    packet.event !== undefined
      ? String(packet.event)
      : packet.ackIdDigits !== undefined
        ? `ack ${packet.ackIdDigits}`
        : '',
    NAME_CHARS,
  );
  const payload = payloadOf(packet);
  const preview =
    payload === undefined
      ? typeof packet.raw === 'string'
        ? packet.raw.slice(0, PREVIEW_CHARS)
        : ''
      : previewValue(payload);
  const summary = { type, name, preview };
  summaries.set(packet, summary);
  return summary;
}

/** Bytes as DevTools writes sizes. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
