// Byte and text helpers shared by the protocol modules: UTF-8, base64, previews. Pure, never throw.

const utf8Decoder = new TextDecoder('utf-8');
const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** UTF-8 decode (invalid sequences become U+FFFD, as browsers do for WebSocket and XHR text). */
export function utf8Decode(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** UTF-8 encode. */
export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Scratch space for `utf8Length`: encoding a text with non-ASCII characters into it counts its bytes in one pass. */
const countScratch = new Uint8Array(64 * 1024);
const NON_ASCII = /[^\0-\x7f]/;

/**
 * Number of UTF-8 bytes `text` occupies, without allocating. Lone surrogates count as 3 (U+FFFD). Most texts are
 * ASCII, one byte per character: the regular expression tells so about 4x faster than `encodeInto` counts them in
 * Chromium (whose call also makes a result object), and no slower in Node.
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  // A UTF-16 unit is at most 3 UTF-8 bytes: a text that may not fit is counted in JavaScript.
  if (text.length * 3 <= countScratch.length) return utf8Encoder.encodeInto(text, countScratch).written;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const CHUNK = 0x8000;

/** Bytes as a "binary string" (one char per byte), built in chunks, never by repeated concatenation. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    // A typed array is an array-like that apply takes as it is; a chunk keeps the argument count bounded.
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]));
  }
  return parts.join('');
}

/** Base64 encode. */
export function base64Encode(bytes: Uint8Array): string {
  return btoa(bytesToBinaryString(bytes));
}

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether text is base64 as btoa writes it (standard alphabet, padded, no whitespace): what atob always reads. */
export function isCanonicalBase64(text: string): boolean {
  return CANONICAL_BASE64.test(text);
}

/** Base64 decode (standard alphabet; whitespace and missing padding tolerated); undefined when invalid. */
export function base64Decode(text: string): Uint8Array | undefined {
  let clean = text;
  if (/[^A-Za-z0-9+/=]/.test(clean)) clean = clean.replace(/\s+/g, '');
  if (/[^A-Za-z0-9+/=]/.test(clean)) return undefined;
  const pad = clean.length % 4;
  if (pad === 1) return undefined;
  if (pad !== 0 && !clean.endsWith('=')) clean += pad === 2 ? '==' : '=';
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    return undefined;
  }
  return binaryStringToBytes(binary);
}

/** A "binary string" (one char per byte, every char below U+0100) as bytes. */
function binaryStringToBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The first char above 0x7F, and the one after it. */
const FIRST_HIGH = /[\x80-\uffff][^]?/;
// eslint-disable-next-line no-control-regex -- any char outside the byte range 00-FF
const ABOVE_BYTE = /[^\x00-\xff]/;

/**
 * The text that a UTF-8 "byte string" stands for (engine.io-parser 1.x writes polling payloads so: each char one
 * byte of the UTF-8 encoding), or undefined when `text` is not one: no byte above 0x7F, a char above 0xFF, or bytes
 * that are not valid UTF-8. Most texts that are not one (a 2.x payload with an accent) fail at their first high
 * char, which is then not a UTF-8 lead byte followed by a continuation byte: no copy, no decode attempt.
 */
export function decodeUtf8ByteString(text: string): string | undefined {
  const high = FIRST_HIGH.exec(text)?.[0];
  if (high === undefined || high.length < 2) return undefined;
  const lead = high.charCodeAt(0);
  const next = high.charCodeAt(1);
  if (lead < 0xc2 || lead > 0xf4 || next < 0x80 || next > 0xbf || ABOVE_BYTE.test(text)) return undefined;
  try {
    return strictUtf8Decoder.decode(binaryStringToBytes(text));
  } catch {
    return undefined;
  }
}

/** True when every byte is equal. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Concatenate byte arrays. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** A short, single-line excerpt of text for error messages. */
export function excerpt(text: string, max = 60): string {
  const cut = text.length > max ? text.slice(0, max) + '…' : text;
  return JSON.stringify(cut);
}
