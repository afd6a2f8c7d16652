/** Length-header types of the WebTransport framing (see src/protocol/webtransport-stream.ts). */
const UINT16_LENGTH = 126;
const UINT64_LENGTH = 127;

/**
 * Where a stream of length-prefixed Engine.IO packets stands, read from its bytes as they pass. Lengths are passed
 * in (the hook reads them with saved getters: a page may patch `length`).
 */
export interface BoundaryTracker {
  feed(bytes: Uint8Array, byteLength: number): void;
  /** Whether the bytes so far end exactly after a packet: a whole packet may go in here. */
  atBoundary(): boolean;
}

/**
 * Follows the length headers only (never the packets), so that the panel's packets go in between two of the page's,
 * never inside one (the page writes a header and its packet as separate chunks).
 */
export function createBoundaryTracker(): BoundaryTracker {
  let remaining = 0;
  let headerBytes = 0;
  let length = 0;
  return {
    atBoundary: () => remaining === 0 && headerBytes === 0,
    feed(bytes, byteLength) {
      for (let index = 0; index < byteLength;) {
        if (remaining > 0) {
          const step = remaining < byteLength - index ? remaining : byteLength - index;
          remaining -= step;
          index += step;
        } else if (headerBytes > 0) {
          length = length * 256 + bytes[index++];
          if (--headerBytes === 0) remaining = length;
        } else {
          const short = bytes[index++] & 0x7f;
          length = 0;
          if (short === UINT16_LENGTH) headerBytes = 2;
          else if (short === UINT64_LENGTH) headerBytes = 8;
          else remaining = short;
        }
      }
    },
  };
}
