// Encoding for injection: an emit or an ack, as the frames (or the polling body) a given session expects.
import { encodeEioPacket } from './engineio';
import { wrapJsonpPost } from './jsonp';
import { msgpackEncode } from './msgpack-encode';
import { binaryFormOf, SioPacketType, type EioVersion } from './packet-types';
import { encodePayload } from './payload';
import { hasBinary } from './placeholders';
import { encodeSioText } from './socketio';
import type { ParserKind, Transport } from './types';

/** An EVENT to encode: `socket.emit(event, ...args)` on `namespace`, asking for an ack when `ackId` is set. */
export interface EmitSpec {
  namespace?: string;
  event: string;
  args?: unknown[];
  ackId?: number;
}

/** An ACK to encode: the answer to the EVENT with `ackId` on `namespace`. */
export interface AckSpec {
  namespace?: string;
  ackId: number;
  args?: unknown[];
}

/** What the receiving session expects. */
export interface EncodeTarget {
  eio: EioVersion;
  parser?: ParserKind;
  transport: Transport;
  /** Binary as base64 text (`b64=1`: forceBase64 or JSONP). Always true for v4 polling. */
  base64?: boolean;
  /** Polling over JSONP: the body becomes a `d=` form (client → server only). */
  jsonp?: boolean;
}

/** WebSocket: one frame per Engine.IO packet. Polling: exactly one frame, the POST (or GET response) body. */
export type EncodeResult = { ok: true; frames: (string | Uint8Array)[] } | { ok: false; error: string };

/** Encode an emit for the target session. Binary values are Uint8Array. */
export function encodeEmit(emit: EmitSpec, target: EncodeTarget): EncodeResult {
  return encodePacket(SioPacketType.EVENT, emit.namespace, [emit.event, ...(emit.args ?? [])], emit.ackId, target);
}

/** Encode an ack for the target session. */
export function encodeAck(ack: AckSpec, target: EncodeTarget): EncodeResult {
  return encodePacket(SioPacketType.ACK, ack.namespace, ack.args ?? [], ack.ackId, target);
}

function sioMessages(
  type: SioPacketType,
  nsp: string,
  data: unknown[],
  ackId: number | undefined,
  target: EncodeTarget,
): (string | Uint8Array)[] | { error: string } {
  if (target.parser !== 'msgpack') {
    const { text, attachments } = encodeSioText({
      type,
      namespace: nsp,
      data,
      ...(ackId !== undefined ? { ackId } : {}),
    });
    return [text, ...attachments];
  }
  // socket.io-msgpack-parser 2.x (EIO3) keeps socket.io 2's BINARY_* types; 3.x only knows 0-4.
  const wireType = target.eio === 3 && hasBinary(data) ? binaryFormOf(type) : type;
  const encoded = msgpackEncode({ type: wireType, data, nsp, ...(ackId !== undefined ? { id: ackId } : {}) });
  return encoded.ok ? [encoded.bytes] : { error: encoded.error };
}

function encodePacket(
  type: SioPacketType,
  namespace: string | undefined,
  data: unknown[],
  ackId: number | undefined,
  target: EncodeTarget,
): EncodeResult {
  if (ackId !== undefined && !(Number.isSafeInteger(ackId) && ackId >= 0))
    return { ok: false, error: 'ack id must be a non-negative safe integer' };
  const nsp = namespace || '/';
  if (!nsp.startsWith('/') || nsp.includes(','))
    return { ok: false, error: 'namespace must start with "/" and contain no ","' };
  let messages: (string | Uint8Array)[] | { error: string };
  try {
    messages = sioMessages(type, nsp, data, ackId, target);
  } catch (e) {
    return { ok: false, error: `cannot encode arguments: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!Array.isArray(messages)) return { ok: false, error: messages.error };
  const polling = target.transport === 'polling';
  const base64 = target.base64 === true || target.jsonp === true || (polling && target.eio === 4);
  const packets = messages.map((m) => encodeEioPacket('message', m, target.eio, base64));
  if (!polling) return { ok: true, frames: packets };
  const body = encodePayload(packets, target.eio);
  return { ok: true, frames: [target.jsonp && typeof body === 'string' ? wrapJsonpPost(body) : body] };
}
