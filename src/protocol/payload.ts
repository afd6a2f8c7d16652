// Polling bodies: split one HTTP body into Engine.IO packet records (v3 text/binary, v4, JSONP, HTTP errors).
import { base64Encode, concatBytes, decodeUtf8ByteString, excerpt, utf8Decode, utf8Encode } from './bytes';
import { parseJson } from './json';
import { unwrapJsonpPost, unwrapJsonpResponse, wrapJsonpResponse } from './jsonp';
import type { EioVersion } from './packet-types';

/**
 * How a v3 text payload counted `<len>`: JS string length (the reference), code points, or UTF-8 bytes; or
 * `utf8-byte-string`: JS string length of packets written as UTF-8 byte strings (engine.io-parser 1.x, socket.io 1.x).
 */
export type LengthRule = 'utf16' | 'codepoints' | 'utf8' | 'utf8-byte-string';

/**
 * The part of a body that could not be split into packets, and why: `bad-jsonp` when the JSONP wrapper does not
 * unwrap (`data` is then the whole body), `bad-payload` when the payload (unwrapped) does not split.
 */
export interface PayloadRest {
  data: string | Uint8Array;
  error: string;
  errorKind: 'bad-payload' | 'bad-jsonp';
}

/** The packets of one polling body, and what kind of body it was. */
export interface SplitPayload {
  format: 'v3-text' | 'v3-binary' | 'v4' | 'http-error' | 'ok';
  /** `response` for `___eio[N]("…")`, `post` for a `d=` form body. */
  jsonp?: 'response' | 'post';
  /** The Engine.IO packets, in order (text, or `<type byte><data>` bytes for v3 binary records). */
  packets: (string | Uint8Array)[];
  /** What follows the packets when the body does not parse to its end (or at all), and why. */
  rest?: PayloadRest;
  /** v3 text: the length rule that matched the whole body (absent if none did). */
  lengthRule?: LengthRule;
  /** HTTP error details (`{"code":1,"message":"Session ID unknown"}`), when format is `http-error`. */
  httpError?: { status?: number; code?: number; message?: string; body: string };
}

/** Engine.IO refuses more length digits than this in a binary payload; we accept fewer (a length is < 2^53). */
const MAX_LENGTH_DIGITS = 16;

/** Split one polling body of the given Engine.IO version. Never throws; problems become `rest`. */
export function splitPayload(body: string | Uint8Array, version: EioVersion, httpStatus?: number): SplitPayload {
  if (typeof body !== 'string') {
    if (version === 3 && body.length > 0 && body[0] <= 1) return splitV3Binary(body);
    return splitPayload(utf8Decode(body), version, httpStatus);
  }
  const httpError = asHttpError(body, httpStatus);
  if (httpError) return { format: 'http-error', packets: [], httpError };
  if (body === 'ok') return { format: 'ok', packets: [] };
  let text = body;
  let jsonp: SplitPayload['jsonp'];
  if (text.startsWith('___eio[')) {
    const unwrapped = unwrapJsonpResponse(text);
    if (typeof unwrapped !== 'string') return errorBody(version, text, unwrapped.error, 'response');
    text = unwrapped;
    jsonp = 'response';
  } else if (text.startsWith('d=')) {
    const unwrapped = unwrapJsonpPost(text);
    if (typeof unwrapped !== 'string') return errorBody(version, text, unwrapped.error, 'post');
    text = unwrapped;
    jsonp = 'post';
  }
  const split = version === 3 ? splitV3Text(text) : splitV4(text);
  if (jsonp) split.jsonp = jsonp;
  return split;
}

function errorBody(version: EioVersion, text: string, error: string, jsonp: SplitPayload['jsonp']): SplitPayload {
  return {
    format: version === 3 ? 'v3-text' : 'v4',
    jsonp,
    packets: [],
    rest: { data: text, error, errorKind: 'bad-jsonp' },
  };
}

function asHttpError(body: string, status: number | undefined): SplitPayload['httpError'] {
  const isErrorStatus = status !== undefined && status >= 400;
  if (!isErrorStatus && !body.startsWith('{')) return undefined;
  const parsed = body.length < 4096 ? parseJson(body) : undefined;
  const v = parsed?.ok ? (parsed.value as { code?: unknown; message?: unknown } | null) : undefined;
  const shaped = typeof v === 'object' && v !== null && typeof v.code === 'number';
  if (!shaped && !isErrorStatus) return undefined;
  const err: NonNullable<SplitPayload['httpError']> = { body: body.slice(0, 4096) };
  if (status !== undefined) err.status = status;
  if (shaped && typeof v.code === 'number') err.code = v.code;
  if (shaped && typeof v.message === 'string') err.message = v.message;
  return err;
}

function splitV4(text: string): SplitPayload {
  if (text.length === 0)
    return { format: 'v4', packets: [], rest: { data: text, error: 'empty payload', errorKind: 'bad-payload' } };
  return { format: 'v4', packets: text.split('\x1e') };
}

/** End index of `n` units of `rule` from `start`; -1 past the end, -2 when a UTF-8 count splits a character. */
function advance(text: string, start: number, n: number, rule: LengthRule): number {
  if (rule === 'utf16') return start + n <= text.length ? start + n : -1;
  let i = start;
  let units = 0;
  while (units < n) {
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (rule === 'codepoints') units += 1;
    else units += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    i += pair ? 2 : 1;
  }
  return units === n ? i : -2;
}

interface V3TextAttempt {
  packets: string[];
  /** Index where parsing stopped, and why; absent when the whole body parsed. */
  failAt?: number;
  error?: string;
}

function parseV3Text(text: string, rule: LengthRule): V3TextAttempt {
  const packets: string[] = [];
  let i = 0;
  while (i < text.length) {
    let j = i;
    // Accumulated digit by digit: for up to 16 digits this is exactly Number() of them (one rounding, at the last).
    let n = 0;
    for (let c = text.charCodeAt(j); j - i <= MAX_LENGTH_DIGITS && c >= 48 && c <= 57; c = text.charCodeAt(++j))
      n = n * 10 + c - 48;
    if (j === i || j - i > MAX_LENGTH_DIGITS || text.charCodeAt(j) !== 58 /* : */) {
      return {
        packets,
        failAt: i,
        error: `bad length: ${excerpt(text.slice(i, i + 20))}`,
      };
    }
    const end = advance(text, j + 1, n, rule);
    if (end === -1) return { packets, failAt: i, error: `truncated payload: record declares ${n} but the body ends` };
    if (end === -2) return { packets, failAt: i, error: `bad length: ${n} splits a character` };
    if (n > 0) packets.push(text.slice(j + 1, end));
    i = end;
  }
  return { packets };
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

function hasAstral(text: string): boolean {
  return /[\ud800-\udbff][\udc00-\udfff]/.test(text);
}

/** v3 text payload `<len>:<packet>…`: try each length rule over the whole body, keep the first that fits. */
function splitV3Text(text: string): SplitPayload {
  if (text.length === 0)
    return { format: 'v3-text', packets: [], rest: { data: text, error: 'empty payload', errorKind: 'bad-payload' } };
  const first = parseV3Text(text, 'utf16');
  if (first.failAt === undefined)
    return (
      asDecodedByteStrings(text, first.packets) ?? { format: 'v3-text', packets: first.packets, lengthRule: 'utf16' }
    );
  if (hasNonAscii(text)) {
    const rules: LengthRule[] = hasAstral(text) ? ['codepoints', 'utf8'] : ['utf8'];
    for (const rule of rules) {
      const attempt = parseV3Text(text, rule);
      if (attempt.failAt === undefined) return { format: 'v3-text', packets: attempt.packets, lengthRule: rule };
    }
  }
  // The reference drops the whole payload; we keep what parsed and flag the rest.
  return {
    format: 'v3-text',
    packets: first.packets,
    rest: { data: text.slice(first.failAt), error: first.error ?? 'bad payload', errorKind: 'bad-payload' },
  };
}

/**
 * The payload of engine.io-parser 1.x, whose packets are UTF-8 byte strings, decoded; undefined if it is not one.
 * Decided once for the whole body (one scan in the common case: no byte above 0x7F), not per packet.
 */
function asDecodedByteStrings(body: string, packets: string[]): SplitPayload | undefined {
  if (decodeUtf8ByteString(body) === undefined) return undefined;
  return {
    format: 'v3-text',
    packets: packets.map((packet) => decodeUtf8ByteString(packet) ?? packet),
    lengthRule: 'utf8-byte-string',
  };
}

/** v3 XHR2 binary payload: `<00|01> <length digits as bytes> FF <bytes>` records. */
function splitV3Binary(body: Uint8Array): SplitPayload {
  const packets: (string | Uint8Array)[] = [];
  let i = 0;
  while (i < body.length) {
    const kind = body[i];
    let j = i + 1;
    let n = 0;
    while (j < body.length && body[j] !== 0xff && j - i <= MAX_LENGTH_DIGITS + 1 && body[j] <= 9)
      n = n * 10 + body[j++];
    let error: string | undefined;
    // Errors quote no offset: the unsplit rest is shown, and the same packets re-encoded (an import) say the same.
    if (kind > 1) error = `bad record kind 0x${kind.toString(16)}`;
    else if (j === i + 1 || body[j] !== 0xff) error = 'bad length';
    else if (j + 1 + n > body.length) error = `truncated payload: record declares ${n} bytes but the body ends`;
    if (error)
      return { format: 'v3-binary', packets, rest: { data: body.subarray(i), error, errorKind: 'bad-payload' } };
    const bytes = body.subarray(j + 1, j + 1 + n);
    packets.push(kind === 0 ? utf8Decode(bytes) : bytes);
    i = j + 1 + n;
  }
  return { format: 'v3-binary', packets };
}

/** A v3 XHR2 binary payload record: `<00 text | 01 binary> <length, one byte per decimal digit> FF <bytes>`. */
function binaryRecord(packet: string | Uint8Array): Uint8Array[] {
  const bytes = typeof packet === 'string' ? utf8Encode(packet) : packet;
  const digits = String(bytes.length);
  const head = new Uint8Array(digits.length + 2);
  head[0] = typeof packet === 'string' ? 0 : 1;
  for (let i = 0; i < digits.length; i++) head[i + 1] = digits.charCodeAt(i) - 0x30;
  head[head.length - 1] = 0xff;
  return [head, bytes];
}

/** Whether splitPayload reads a text as something other than a payload: `ok`, an HTTP error, a JSONP wrapper. */
function readsAsNoPayload(text: string): boolean {
  return text === 'ok' || text.startsWith('{') || text.startsWith('___eio[') || text.startsWith('d=');
}

/** What else goes into a polling body beside its packets. */
export interface PayloadOptions {
  /** The part of a body that splitPayload could not split: it follows the packets as is. */
  rest?: string | Uint8Array;
  /**
   * A body that splitPayload reads back as exactly these packets (and rest). v3 packets that look like UTF-8 byte
   * strings (mojibake such as `Ã©`) would read as a socket.io 1.x payload, whose packets are decoded from their
   * bytes, and an empty packet would be dropped: they take the binary form. A text that would read as something else (`ok`, an HTTP error object, a JSONP
   * wrapper, as the rest of a JSONP body may start) is wrapped as a JSONP response, which is unwrapped first.
   */
  exact?: boolean;
}

/**
 * Join Engine.IO-encoded packets into one polling body, the inverse of splitPayload: v4 `\x1e`-joined text (binary
 * must already be `b<base64>`); v3 `<len>:<packet>` text, or the XHR2 binary payload as soon as one packet (or the
 * rest) is bytes (`<type byte><data>`).
 */
export function encodePayload(
  packets: readonly (string | Uint8Array)[],
  version: EioVersion,
  { rest, exact = false }: PayloadOptions = {},
): string | Uint8Array {
  if (version === 4) {
    const texts = packets.map((p) => (typeof p === 'string' ? p : 'b' + base64Encode(p)));
    if (rest !== undefined) texts.push(typeof rest === 'string' ? rest : utf8Decode(rest));
    const text = texts.join('\x1e');
    return exact && readsAsNoPayload(text) ? wrapJsonpResponse(text, 0) : text;
  }
  if (typeof rest !== 'object' && packets.every((p) => typeof p === 'string')) {
    const framed = (packets as string[]).map((p) => `${p.length}:${p}`);
    if (rest !== undefined) framed.push(rest);
    // No packets: the reference's empty payload.
    const text = framed.length > 0 ? framed.join('') : '0:';
    if (!exact) return text;
    // The text form drops empty packets (`0:`), which the binary form keeps.
    const keeps = !packets.includes('') && decodeUtf8ByteString(text) === undefined;
    if (keeps) return readsAsNoPayload(text) ? wrapJsonpResponse(text, 0) : text;
  }
  const chunks: Uint8Array[] = [];
  for (const packet of packets) for (const chunk of binaryRecord(packet)) chunks.push(chunk);
  if (rest !== undefined) chunks.push(typeof rest === 'string' ? utf8Encode(rest) : rest);
  return concatBytes(chunks);
}
