// Engine.IO: one packet (text or binary, v3 or v4) both ways, and the open packet.
import { base64Decode, base64Encode, concatBytes, excerpt, utf8Length } from './bytes';
import { parseJson } from './json';
import { EioPacketType, eioTypeName, type EioType, type EioVersion } from './packet-types';
import type { ErrorKind, OpenInfo } from './types';

/** First character of a text Engine.IO message packet (`4<data>`), the common packet. */
export const TEXT_MESSAGE = 0x30 + EioPacketType.message;
/** First character of an Engine.IO packet that carries binary as base64 text (`b…`). */
const BASE64_MARK = 0x62; /* b */

/** A decoded Engine.IO packet. `type` is undefined when the type is unknown or the packet empty (see `errorKind`). */
export interface EioPacket {
  type?: EioType;
  /** Text payload, or bytes for a binary message. */
  data?: string | Uint8Array;
  error?: string;
  errorKind?: ErrorKind;
}

const failed = (errorKind: ErrorKind, error: string, type?: EioType): EioPacket =>
  type === undefined ? { error, errorKind } : { type, error, errorKind };

/**
 * Decode one Engine.IO packet: a WebSocket message or one record of a polling payload.
 * Text: `<type><data>`, or `b<type><base64>` (v3) / `b<base64>` (v4) for binary over text.
 * Bytes: v3 `<type byte><data>`; v4 raw bytes, always a message.
 */
export function decodeEioPacket(data: string | Uint8Array, version: EioVersion): EioPacket {
  if (typeof data !== 'string') {
    if (version === 4) return { type: 'message', data };
    if (data.length === 0) return failed('bad-packet', 'empty binary packet');
    const type = eioTypeName(data[0]);
    if (!type)
      return failed('unknown-type', `unknown Engine.IO packet type byte 0x${data[0].toString(16).padStart(2, '0')}`);
    return { type, data: data.subarray(1) };
  }
  if (data.length === 0) return failed('bad-packet', 'empty packet');
  if (data.charCodeAt(0) === BASE64_MARK) {
    const type = version === 3 ? eioTypeName(data.charCodeAt(1) - 0x30) : 'message';
    if (!type) return failed('unknown-type', `unknown Engine.IO packet type ${excerpt(data.charAt(1))}`);
    const bytes = base64Decode(data.slice(version === 3 ? 2 : 1));
    if (!bytes) return failed('bad-packet', 'invalid base64 in binary packet', type);
    return { type, data: bytes };
  }
  const type = eioTypeName(data.charCodeAt(0) - 0x30);
  if (!type) return failed('unknown-type', `unknown Engine.IO packet type ${excerpt(data.charAt(0))}`);
  return data.length > 1 ? { type, data: data.slice(1) } : { type };
}

/** Encode one Engine.IO packet for a WebSocket frame or a payload record (`base64` for text-only channels). */
export function encodeEioPacket(
  type: EioType,
  data: string | Uint8Array | undefined,
  version: EioVersion,
  base64 = false,
): string | Uint8Array {
  const id = EioPacketType[type];
  if (typeof data !== 'string' && data !== undefined) {
    if (base64) return (version === 3 ? `b${id}` : 'b') + base64Encode(data);
    return version === 3 ? concatBytes([Uint8Array.of(id), data]) : data;
  }
  return `${id}${data ?? ''}`;
}

/** Parse the open packet's JSON; an error value when it is not an object with a string `sid`. */
export function parseOpen(data: string | undefined): { open: OpenInfo } | { error: string } {
  const parsed = parseJson(data ?? '');
  if (!parsed.ok) return { error: `invalid open packet JSON: ${parsed.error}` };
  const v = parsed.value as Partial<Record<keyof OpenInfo, unknown>> | null;
  if (typeof v !== 'object' || v === null || typeof v.sid !== 'string') return { error: 'open packet without a sid' };
  const open: OpenInfo = {
    sid: v.sid,
    upgrades: Array.isArray(v.upgrades) ? v.upgrades.filter((u): u is string => typeof u === 'string') : [],
    pingInterval: typeof v.pingInterval === 'number' ? v.pingInterval : 0,
    pingTimeout: typeof v.pingTimeout === 'number' ? v.pingTimeout : 0,
  };
  if (typeof v.maxPayload === 'number') open.maxPayload = v.maxPayload;
  return { open };
}

/** Wire size in bytes of a text or binary packet. */
export function wireSize(data: string | Uint8Array): number {
  return typeof data === 'string' ? utf8Length(data) : data.length;
}
