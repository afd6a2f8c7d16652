// Binary placeholders of Socket.IO's default parser: each binary leaf travels as `{"_placeholder":true,"num":N}`
// in the packet's JSON, its bytes as the Nth attachment after it.
import { isPlainObject } from './json';

/** Deepest nesting searched for binaries and placeholders (the values are page-controlled). */
const MAX_DEPTH = 512;

/**
 * Put attachments back in place of `{"_placeholder":true,"num":N}` (mutates `data`, which is freshly parsed).
 * Out-of-range placeholders are kept and reported.
 */
export function reconstructBinary(
  data: unknown,
  attachments: readonly Uint8Array[],
): { data: unknown; error?: string } {
  let bad = 0;
  let deep = false;
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth > MAX_DEPTH) {
      deep = true;
      return v;
    }
    // Only a placeholder is replaced: every other value stays, unwritten.
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const next = visit(item, depth + 1);
        if (next !== item) v[i] = next;
      }
      return v;
    }
    const o = v as Record<string, unknown>;
    if (o['_placeholder'] === true) {
      const num = o['num'];
      if (typeof num === 'number' && Number.isInteger(num) && num >= 0 && num < attachments.length)
        return attachments[num];
      bad++;
      return v;
    }
    for (const k in o) {
      const value = o[k];
      const next = Object.hasOwn(o, k) ? visit(value, depth + 1) : value;
      if (next !== value) o[k] = next;
    }
    return v;
  };
  const out = visit(data, 0);
  const errors: string[] = [];
  if (bad) errors.push(`illegal attachments: ${bad} placeholder(s) with a num outside [0, ${attachments.length})`);
  if (deep) errors.push('data nested too deeply; some placeholders not replaced');
  return errors.length ? { data: out, error: errors.join('; ') } : { data: out };
}

/** True when `data` contains a Uint8Array at any depth. */
export function hasBinary(data: unknown, depth = 0): boolean {
  if (data instanceof Uint8Array) return true;
  if (typeof data !== 'object' || data === null || depth > MAX_DEPTH) return false;
  const values = Array.isArray(data) ? data : Object.values(data);
  return values.some((v) => hasBinary(v, depth + 1));
}

/** Replace each Uint8Array by a placeholder (depth-first numbering, as the reference); returns a copy. */
export function deconstructBinary(data: unknown): { data: unknown; attachments: Uint8Array[] } {
  const attachments: Uint8Array[] = [];
  const visit = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      attachments.push(v);
      return { _placeholder: true, num: attachments.length - 1 };
    }
    if (Array.isArray(v)) return v.map(visit);
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = visit(v[k]);
      return out;
    }
    return v;
  };
  return { data: visit(data), attachments };
}
