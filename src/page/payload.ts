import type { FramePayload, InjectedFrame } from '../messages';
import { natives } from './natives';

/** Frames above this size are kept truncated to it (the original size is kept alongside). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export function textPayload(text: string): FramePayload {
  const truncated = text.length > MAX_FRAME_BYTES;
  return { text: truncated ? text.slice(0, MAX_FRAME_BYTES) : text, size: text.length, truncated };
}

export function binaryPayload(bytes: Uint8Array): FramePayload {
  const truncated = bytes.byteLength > MAX_FRAME_BYTES;
  const kept = truncated ? bytes.subarray(0, MAX_FRAME_BYTES) : bytes;
  return { base64: toBase64(kept), size: bytes.byteLength, truncated };
}

function toBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    chunks.push(natives.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]));
  }
  return natives.btoa(chunks.join(''));
}

/** The data of a frame the panel injects: its text, or its bytes decoded from base64. */
export function injectedData(frame: InjectedFrame): string | Uint8Array<ArrayBuffer> {
  if ('text' in frame) return frame.text;
  const binary = natives.atob(frame.base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * The payload of any body a page can send or receive. A Blob can only be read asynchronously, so this returns a
 * promise for it; everything else is captured synchronously.
 */
export function capturePayload(data: unknown): FramePayload | Promise<FramePayload> | undefined {
  if (typeof data === 'string') return textPayload(data);
  if (data instanceof ArrayBuffer) return binaryPayload(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return binaryPayload(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (data instanceof Blob) {
    return natives.blobArrayBuffer.call(data).then((buffer) => binaryPayload(new Uint8Array(buffer)));
  }
  return undefined;
}
