import { DEFAULT_SETTINGS } from '../settings/schema';
import type { InjectedFrame } from '../messages';
import { bare, call, hasBrand, natives, then } from './natives';
import { base64PayloadJson, textPayloadJson, type Payload } from './serialize';

/**
 * Frames above this size are kept truncated to it, with their full size alongside. The size is FramePayload.size:
 * bytes for binary, UTF-16 code units (a JavaScript string's length) for text. The relay sets it from the settings
 * (`maxFrameSize`) at the handshake; until then, the default.
 */
let maxFrameSize = DEFAULT_SETTINGS.maxFrameSize;

export function setMaxFrameSize(size: number): void {
  maxFrameSize = size;
}

export function textPayload(text: string): Payload {
  const truncated = text.length > maxFrameSize;
  const kept = truncated ? call(natives.stringSlice, text, 0, maxFrameSize) : text;
  return textPayloadJson(kept, text.length, truncated);
}

export function binaryPayload(bytes: Uint8Array): Payload {
  const size = natives.viewByteLength(bytes);
  const truncated = size > maxFrameSize;
  const base64 = toBase64(truncated ? call(natives.subarray, bytes, 0, maxFrameSize) : bytes);
  return base64PayloadJson(base64, size, truncated);
}

const CHUNK = 0x8000;

/** Base64 with the saved `Uint8Array.prototype.toBase64` where the browser has it, else by chunks of char codes. */
function toBase64(bytes: Uint8Array): string {
  if (natives.toBase64) return call(natives.toBase64, bytes);
  const length = natives.viewByteLength(bytes);
  let binary = '';
  for (let start = 0; start < length; start += CHUNK) {
    const end = start + CHUNK < length ? start + CHUNK : length;
    // A plain array of char codes: its length is its own, where a typed array's is a getter a page could patch.
    const codes = bare(new natives.Array<number>(end - start));
    for (let index = start; index < end; index++) codes[index - start] = bytes[index];
    binary += natives.apply(natives.fromCharCode, null, codes);
  }
  return natives.btoa(binary);
}

/** The data of a frame the panel injects: its text, or its bytes decoded from base64. */
export function injectedData(frame: InjectedFrame): string | Uint8Array<ArrayBuffer> {
  if ('text' in frame) return frame.text;
  const binary = natives.atob(frame.base64);
  const bytes = new natives.Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = call(natives.charCodeAt, binary, index);
  return bytes;
}

/** The bytes a view (a typed array or a DataView) looks at. */
function viewBytes(view: ArrayBufferView): Uint8Array {
  if (hasBrand(view, natives.viewBuffer)) {
    return new natives.Uint8Array(natives.viewBuffer(view), natives.viewByteOffset(view), natives.viewByteLength(view));
  }
  return new natives.Uint8Array(
    natives.dataViewBuffer(view),
    natives.dataViewByteOffset(view),
    natives.dataViewByteLength(view),
  );
}

/**
 * The payload of any body a page can send or receive. A Blob can only be read asynchronously, so this returns a
 * promise for it; everything else is captured synchronously. Kinds are told by the saved natives (brand checks),
 * never by `instanceof`, which a page can redirect.
 */
export function capturePayload(data: unknown): Payload | Promise<Payload> | undefined {
  if (typeof data === 'string') return textPayload(data);
  if (typeof data !== 'object' || data === null) return undefined;
  if (natives.isView(data)) return binaryPayload(viewBytes(data));
  if (hasBrand(data, natives.arrayBufferByteLength)) return binaryPayload(new natives.Uint8Array(data as ArrayBuffer));
  if (hasBrand(data, natives.blobSize)) {
    const read = call(natives.blobArrayBuffer, data);
    return then(read, (buffer) => binaryPayload(new natives.Uint8Array(buffer)));
  }
  return undefined;
}
