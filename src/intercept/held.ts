/**
 * A held packet as the panel shows and edits it (and pinned rules read it in the relay): decoded from its frames (the
 * Socket.IO header text, then its binary attachments), and its edited arguments encoded again for the session's EIO
 * version (default parser: the only packets the hook's breakpoints hold).
 */
import type { HeldPacket, InjectedFrame } from '../messages';
import {
  base64Decode,
  eioVersionFromUrl,
  isPollingUrl,
  encodeAck,
  encodeEmit,
  stringifyJson,
  type EncodeTarget,
} from '../protocol';
import { sioProtocolFor, SioPacketType } from '../protocol/packet-types';
import { reconstructBinary } from '../protocol/placeholders';
import { decodeSioText } from '../protocol/socketio';
import { parseArgs, toFrame } from '../protocol';
import { toJsonValue } from '../protocol';

/** A held packet, decoded: `argsText` is its arguments as JSON (`{"$binary": ...}` for bytes) when they can be edited. */
export interface PausedPacket {
  frameId: number;
  documentId: string;
  held: HeldPacket;
  type: SioPacketType | undefined;
  namespace: string;
  event: string | undefined;
  ackId: number | undefined;
  argsText: string | undefined;
  /** One line saying what it is, e.g. `↑ EVENT chat message`. */
  summary: string;
}

/** An attachment's bytes: Engine.IO v3 prefixes binary WebSocket frames with the message type byte. */
function attachmentBytes(base64: string | undefined, eio: 3 | 4): Uint8Array {
  const bytes = base64Decode(base64 ?? '') ?? new Uint8Array();
  return eio === 3 ? bytes.subarray(1) : bytes;
}

export function decodeHeld(held: HeldPacket, frameId: number, documentId: string): PausedPacket {
  const eio = eioVersionFromUrl(held.url);
  const [header, ...attachments] = held.frames;
  const packet = decodeSioText(header.text ?? '', 1, sioProtocolFor(eio));
  const data = reconstructBinary(
    packet.data,
    attachments.map((frame) => attachmentBytes(frame.base64, eio)),
  ).data;
  const isEvent = packet.type === SioPacketType.EVENT || packet.type === SioPacketType.BINARY_EVENT;
  const isAck = packet.type === SioPacketType.ACK || packet.type === SioPacketType.BINARY_ACK;
  const list = Array.isArray(data) ? (data as unknown[]) : [];
  const event = isEvent && typeof list[0] === 'string' ? list[0] : undefined;
  const args = isEvent ? list.slice(1) : list;
  const editable = (event !== undefined || isAck) && !packet.error && !held.frames.some((frame) => frame.truncated);
  const arrow = held.direction === 'sent' ? '↑' : '↓';
  const namespace = packet.namespace;
  const name = event ?? (packet.ackId !== undefined ? `ack ${packet.ackId}` : '');
  return {
    frameId,
    documentId,
    held,
    type: packet.type,
    namespace,
    event,
    ackId: packet.ackId,
    argsText: editable ? (stringifyJson(toJsonValue(args)) ?? '[]') : undefined,
    summary: `${arrow} ${packet.typeName ?? '?'} ${namespace === '/' ? '' : `${namespace} `}${name}`.trim(),
  };
}

/**
 * What a held packet's session expects: its EIO version, with the default parser, one frame per Engine.IO packet (the
 * hook puts a polling session's packets in its bodies itself: binary ones as base64 text, as polling carries them).
 */
export function heldTarget(packet: PausedPacket): EncodeTarget {
  const polling = isPollingUrl(packet.held.url);
  return { eio: eioVersionFromUrl(packet.held.url), parser: 'default', transport: 'websocket', base64: polling };
}

/** The frames that carry `argsText` in place of the packet's own arguments, or why they cannot be made. */
export function encodeEdited(
  paused: PausedPacket,
  argsText: string,
): { ok: true; frames: InjectedFrame[] } | { ok: false; error: string } {
  const args = parseArgs(argsText);
  if (!args.ok) return args;
  const target = heldTarget(paused);
  const { namespace, event, ackId } = paused;
  try {
    const encoded =
      event !== undefined
        ? encodeEmit({ namespace, event, args: args.args, ...(ackId === undefined ? {} : { ackId }) }, target)
        : encodeAck({ namespace, ackId: ackId ?? 0, args: args.args }, target);
    return encoded.ok ? { ok: true, frames: encoded.frames.map(toFrame) } : encoded;
  } catch (error) {
    return { ok: false, error: `Cannot encode these arguments: ${String(error)}` };
  }
}
