// Structural normalisation so that official (Buffer, ArrayBuffer) and our (Uint8Array) outputs compare equal.

/** Buffers/ArrayBuffers → plain Uint8Array copies, -0 → 0, undefined object fields dropped; recursive. */
export function norm(v: unknown): unknown {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v instanceof ArrayBuffer) return new Uint8Array(v.slice(0));
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(norm);
  if (v instanceof Date || typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = norm(x);
  return out;
}

/** Node-side view of our Uint8Array leaves as Buffers, for feeding official encoders. */
export function toBuffers(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (Array.isArray(v)) return v.map(toBuffers);
  if (typeof v !== 'object' || v === null || v instanceof Date) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toBuffers(x)]));
}

/** Node Buffer view of our output bytes (official decoders want Buffers). */
export function asRaw(x: string | Uint8Array): string | Buffer {
  return typeof x === 'string' ? x : Buffer.from(x);
}
