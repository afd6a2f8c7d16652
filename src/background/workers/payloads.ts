/** Payloads of the worker's frames as the hook writes them (FramePayload): cut to the frame size cap, with their size. */
import type { FramePayload, InjectedFrame } from '../../messages';

export /** A text payload, cut to `max` UTF-16 units. */
function textPayload(text: string, max: number): FramePayload {
  return { text: text.length > max ? text.slice(0, max) : text, size: text.length, truncated: text.length > max };
}

/** A base64 payload of its bytes' size, cut (on a 3-byte boundary) to at most `max` bytes. */
export function base64Payload(base64: string, max: number): FramePayload {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const size = (base64.length / 4) * 3 - padding;
  if (size <= max) return { base64, size, truncated: false };
  return { base64: base64.slice(0, Math.floor(max / 3) * 4), size, truncated: true };
}

/** The payload of one of the panel's frames. */
export function injectedPayload(frame: InjectedFrame, max: number): FramePayload {
  return 'text' in frame ? textPayload(frame.text, max) : base64Payload(frame.base64, max);
}
