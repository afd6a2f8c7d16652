/**
 * The arguments of Socket.IO packets as JSON a user reads and writes: binary values as `{"$binary": "<base64>"}` (the
 * composer, held packets, rules, replay and exports all use this form), and frames to inject.
 */
import { base64Decode, base64Encode } from './bytes';

/** Nesting the arguments may have at most (the encoder looks for binary values this deep). */
export const MAX_ARGS_DEPTH = 512;

/**
 * `{"$binary": "<base64>"}` anywhere in the parsed arguments becomes bytes, in place (the value is freshly parsed);
 * iterative, so it stops at MAX_ARGS_DEPTH instead of running out of stack. False when the value is nested deeper.
 */
function withBinary(args: unknown[]): boolean {
  const stack: { container: Record<string, unknown> | unknown[]; depth: number }[] = [{ container: args, depth: 1 }];
  while (stack.length > 0) {
    const { container, depth } = stack.pop()!;
    const record = container as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const value = record[key];
      if (typeof value !== 'object' || value === null) continue;
      const base64 = (value as { $binary?: unknown }).$binary;
      const bytes = typeof base64 === 'string' && Object.keys(value).length === 1 ? base64Decode(base64) : undefined;
      if (bytes) record[key] = bytes;
      else if (depth >= MAX_ARGS_DEPTH) return false;
      else stack.push({ container: value as Record<string, unknown>, depth: depth + 1 });
    }
  }
  return true;
}

/** A container of the value being converted, and its copy being filled. */
type Copying = [source: unknown[] | Record<string, unknown>, copy: unknown[] | Record<string, unknown>];

/** Sets `key` on a fresh object, `__proto__` included (as JSON.parse does: an own property, not the prototype). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/**
 * A decoded value as JSON can hold it: binary values become `{"$binary": "<base64>"}`, objects keep their own
 * enumerable keys, everything else stays. Iterates: page-controlled values may nest 100,000 deep.
 */
export function toJsonValue(value: unknown): unknown {
  const pending: Copying[] = [];
  const convert = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null) return item;
    if (item instanceof Uint8Array) return { $binary: base64Encode(item) };
    const source = item as unknown[] | Record<string, unknown>;
    const copy = Array.isArray(source) ? new Array<unknown>(source.length) : {};
    pending.push([source, copy]);
    return copy;
  };
  const root = convert(value);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, copy] = next;
    if (Array.isArray(source)) {
      const items = copy as unknown[];
      for (let i = 0; i < source.length; i++) items[i] = convert(source[i]);
    } else {
      for (const key of Object.keys(source)) setOwn(copy as Record<string, unknown>, key, convert(source[key]));
    }
  }
  return root;
}

/** Reads the Arguments field: a JSON array. */
export function parseArgs(text: string): { ok: true; args: unknown[] } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, args: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(parsed)) return { ok: false, error: 'Arguments must be a JSON array, e.g. ["hello", {"n": 1}]' };
  if (!withBinary(parsed))
    return { ok: false, error: `Arguments nested deeper than ${MAX_ARGS_DEPTH} levels cannot be encoded` };
  return { ok: true, args: parsed };
}

/** An encoded frame as the hook injects it (the messages' InjectedFrame): text, or bytes as base64. */
export const toFrame = (frame: string | Uint8Array): { text: string } | { base64: string } =>
  typeof frame === 'string' ? { text: frame } : { base64: base64Encode(frame) };
