import type { InjectedFrame } from '../../messages';

/** At most this many of the panel's frames wait to be seen sent, per key; at most this many keys. */
export const MAX_EXPECTED = 100;
const MAX_KEYS = 1_000;

/**
 * The panel's frames sent into a worker, not seen on the wire yet (text, or base64), by connection or, for polling
 * POSTs, by URL: the recorder marks them injected when CDP reports them. Bounded: beyond the limits the oldest are no
 * longer looked for (their frames then show unmarked).
 */
export function createExpectedFrames() {
  const expected = new Map<string, string[]>();
  return {
    expect(key: string, frames: InjectedFrame[]): void {
      const waiting = expected.get(key) ?? [];
      for (const frame of frames) waiting.push('text' in frame ? frame.text : frame.base64);
      if (expected.size >= MAX_KEYS && !expected.has(key)) expected.delete(expected.keys().next().value!);
      expected.set(key, waiting.slice(-MAX_EXPECTED));
    },
    /** Whether `data` is the next frame expected on `key` (then no longer expected). */
    take(key: string, data: string): boolean {
      const waiting = expected.get(key);
      if (waiting?.[0] !== data) return false;
      waiting.shift();
      if (waiting.length === 0) expected.delete(key);
      return true;
    },
  };
}
