// Engine.IO: one packet (text or binary, v3 or v4), the open packet, and what a URL says about the session.
import { base64Decode, base64Encode, concatBytes, excerpt, parseJson, utf8Length } from './bytes';
import { EIO_TYPES, type EioType, type EioVersion, type OpenInfo } from './types';

/** First character of a text Engine.IO message packet (`4<data>`), the common packet. */
export const TEXT_MESSAGE = 0x34; /* 4 */

/** A decoded Engine.IO packet. `type` is undefined when the type is unknown (then `error` is set). */
export interface EioPacket {
  type?: EioType;
  /** Text payload, or bytes for a binary message. */
  data?: string | Uint8Array;
  error?: string;
}

/**
 * Decode one Engine.IO packet: a WebSocket message or one record of a polling payload.
 * Text: `<type><data>`, or `b<type><base64>` (v3) / `b<base64>` (v4) for binary over text.
 * Bytes: v3 `<type byte><data>`; v4 raw bytes, always a message.
 */
export function decodeEioPacket(data: string | Uint8Array, version: EioVersion): EioPacket {
  if (typeof data !== 'string') {
    if (version === 4) return { type: 'message', data };
    if (data.length === 0) return { error: 'empty binary packet' };
    const type = EIO_TYPES[data[0]];
    if (!type) return { error: `unknown Engine.IO packet type byte 0x${data[0].toString(16).padStart(2, '0')}` };
    return { type, data: data.subarray(1) };
  }
  if (data.length === 0) return { error: 'empty packet' };
  if (data.charCodeAt(0) === 0x62 /* b */) {
    const typeChar = version === 3 ? data.charAt(1) : '4';
    const type = EIO_TYPES[Number(typeChar)];
    if (!/^[0-6]$/.test(typeChar) || !type) return { error: `unknown Engine.IO packet type ${excerpt(typeChar)}` };
    const bytes = base64Decode(data.slice(version === 3 ? 2 : 1));
    if (!bytes) return { type, error: 'invalid base64 in binary packet' };
    return { type, data: bytes };
  }
  const c = data.charCodeAt(0) - 48;
  const type = c >= 0 && c <= 6 ? EIO_TYPES[c] : undefined;
  if (!type) return { error: `unknown Engine.IO packet type ${excerpt(data.charAt(0))}` };
  return data.length > 1 ? { type, data: data.slice(1) } : { type };
}

/** Encode one Engine.IO packet for a WebSocket frame or a payload record (`base64` for text-only channels). */
export function encodeEioPacket(
  type: EioType,
  data: string | Uint8Array | undefined,
  version: EioVersion,
  base64 = false,
): string | Uint8Array {
  const id = EIO_TYPES.indexOf(type);
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

/** The value of query parameter `name` (`''` when it has no `=`), undefined when absent. Allocates only the value. */
function queryParam(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const hash = url.indexOf('#', q);
  const end = hash < 0 ? url.length : hash;
  for (let start = q + 1; start <= end;) {
    const amp = url.indexOf('&', start);
    const pairEnd = amp < 0 || amp > end ? end : amp;
    const afterName = start + name.length;
    if (
      url.startsWith(name, start) &&
      (afterName === pairEnd || (afterName < pairEnd && url.charCodeAt(afterName) === 61)) /* = */
    ) {
      return afterName === pairEnd ? '' : url.slice(afterName + 1, pairEnd);
    }
    start = pairEnd + 1;
  }
  return undefined;
}

/** Engine.IO version from the URL's `EIO=` parameter; missing (or below 4) means 3, as servers assume. */
export function eioVersionFromUrl(url: string): EioVersion {
  const v = Number(queryParam(url, 'EIO'));
  return v >= 4 ? 4 : 3;
}

/** True when the URL carries Engine.IO's query parameters (`EIO=` or `transport=`). */
export function isEngineIoUrl(url: string): boolean {
  return queryParam(url, 'EIO') !== undefined || queryParam(url, 'transport') !== undefined;
}

/** The `sid` query parameter (absent on the handshake request). */
export function sidFromUrl(url: string): string | undefined {
  return queryParam(url, 'sid') || undefined;
}

/** True when the URL asks for base64 binary (`b64=1`: JSONP, forceBase64). */
export function isBase64Url(url: string): boolean {
  const v = queryParam(url, 'b64');
  return v !== undefined && v !== '0' && v !== 'false';
}

/** Wire size in bytes of a text or binary packet. */
export function wireSize(data: string | Uint8Array): number {
  return typeof data === 'string' ? utf8Length(data) : data.length;
}
