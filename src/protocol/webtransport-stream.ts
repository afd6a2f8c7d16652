// WebTransport framing: Engine.IO v4 over WebTransport sends its packets on one bidirectional stream, each behind a
// length header (first byte: top bit set for binary, low 7 bits the length; 126: a uint16 follows, 127: a uint64).
// The reader turns one direction's byte chunks, however they are cut, into the packets as a WebSocket carries them.
import { utf8Decode } from './bytes';

/** One item the stream gives: a text packet `<type><data>`, a binary message's bytes, or the framing's end. */
export type StreamItem = { text: string } | { binary: Uint8Array } | { error: string };

export interface StreamReader {
  /**
   * The items this chunk completes, in order. `missing` bytes of the chunk were not captured (a chunk kept truncated):
   * the framing cannot be followed past them. After an error item the reader gives nothing more.
   */
  push(chunk: Uint8Array, missing?: number): StreamItem[];
}

const BINARY_BIT = 0x80;
const UINT16_LENGTH = 126;
const UINT64_LENGTH = 127;

/** The header's length in bytes, from its first byte. */
function headerLength(first: number): number {
  const short = first & 0x7f;
  return short < UINT16_LENGTH ? 1 : short === UINT64_LENGTH ? 9 : 3;
}

/** The packet length a complete header declares (a uint64 beyond 2^53 loses precision, and is over any limit). */
function declaredLength(header: readonly number[]): number {
  const short = header[0] & 0x7f;
  if (short < UINT16_LENGTH) return short;
  let length = 0;
  for (let i = 1; i < header.length; i++) length = length * 256 + header[i];
  return length;
}

/** A reader of one direction of one stream; packets longer than `maxPacket` bytes stop it with an error item. */
export function createStreamReader(maxPacket: number): StreamReader {
  const header: number[] = [];
  let body: Uint8Array | undefined;
  let filled = 0;
  let binary = false;
  let failed = false;

  function fail(error: string, items: StreamItem[]): void {
    failed = true;
    body = undefined;
    items.push({ error: `${error}; the rest of the stream is not decoded` });
  }

  /** Reads the header bytes at `at`; returns where it stopped. */
  function readHeader(chunk: Uint8Array, at: number, items: StreamItem[]): number {
    let i = at;
    while (i < chunk.length && (header.length === 0 || header.length < headerLength(header[0])))
      header.push(chunk[i++]);
    if (header.length === 0 || header.length < headerLength(header[0])) return i;
    binary = (header[0] & BINARY_BIT) !== 0;
    const length = declaredLength(header);
    header.length = 0;
    if (length === 0) fail('a packet of length 0', items);
    else if (length > maxPacket) fail(`a packet of ${length} bytes exceeds the ${maxPacket}-byte decode limit`, items);
    else {
      body = new Uint8Array(length);
      filled = 0;
    }
    return i;
  }

  return {
    push(chunk, missing = 0) {
      const items: StreamItem[] = [];
      for (let i = 0; i < chunk.length && !failed;) {
        if (!body) {
          i = readHeader(chunk, i, items);
          continue;
        }
        const n = Math.min(body.length - filled, chunk.length - i);
        body.set(chunk.subarray(i, i + n), filled);
        filled += n;
        i += n;
        if (filled < body.length) continue;
        items.push(binary ? { binary: body } : { text: utf8Decode(body) });
        body = undefined;
      }
      if (missing > 0 && !failed) fail(`${missing} bytes of a chunk were not captured (frame size limit)`, items);
      return items;
    },
  };
}

/**
 * A packet behind its length header: text as UTF-8, binary with the top bit set (engine.io-parser's framing). Only
 * indexing and arithmetic, on what it is given (the page hook frames the panel's packets with it, on its natives).
 */
export function framePacket(
  body: Uint8Array,
  length: number,
  binary: boolean,
  allocate: (length: number) => Uint8Array,
): Uint8Array {
  const headerLength = length < UINT16_LENGTH ? 1 : length < 0x10000 ? 3 : 9;
  const framed = allocate(headerLength + length);
  framed[0] =
    (binary ? BINARY_BIT : 0) | (headerLength === 1 ? length : headerLength === 3 ? UINT16_LENGTH : UINT64_LENGTH);
  for (let index = headerLength - 1, rest = length; index >= 1; index--, rest = (rest - (rest % 256)) / 256)
    framed[index] = rest % 256;
  for (let index = 0; index < length; index++) framed[headerLength + index] = body[index];
  return framed;
}
