// JSON values: parsing as a value, writing at any depth, and the one test for a plain object.

/** A non-null object that is neither an array nor bytes: a JSON object, a msgpack map. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** JSON.parse as a value: `{ ok: true, value }` or `{ ok: false, error }`. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * JSON.stringify's text for a value of any depth: JSON.parse reads 100,000 nested arrays, but JSON.stringify
 * recurses and runs out of stack after a few thousand. The native call writes all but such values; they are written
 * again by a loop with the same rules (toJSON, undefined and functions skipped in objects, null in arrays).
 * Throws as JSON.stringify does on cycles and BigInts.
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (e) {
    // A TypeError is a cycle or a BigInt, which the loop rejects too; anything else is the stack running out.
    if (e instanceof TypeError) throw e;
    return stringifyIteratively(value);
  }
}

/** An array or object being written: its keys (objects only) and the next entry to write. */
interface Open {
  container: Record<string, unknown> | unknown[];
  keys: string[] | undefined;
  next: number;
  written: number;
}

/** The value JSON.stringify writes for `value` under `key`: its toJSON result when it has one. */
function serialized(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? (toJSON as (key: string) => unknown).call(value, key) : value;
}

const skipped = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

function stringifyIteratively(root: unknown): string | undefined {
  const parts: string[] = [];
  const open: Open[] = [];
  const onPath = new Set<object>();
  const write = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) {
      parts.push(JSON.stringify(value));
      return;
    }
    if (onPath.has(value)) throw new TypeError('Converting circular structure to JSON');
    onPath.add(value);
    const isArray = Array.isArray(value);
    parts.push(isArray ? '[' : '{');
    open.push({
      container: value as Open['container'],
      keys: isArray ? undefined : Object.keys(value),
      next: 0,
      written: 0,
    });
  };
  const first = serialized(root, '');
  if (skipped(first)) return undefined;
  write(first);
  while (open.length > 0) {
    const top = open[open.length - 1];
    const { container, keys } = top;
    const length = keys ? keys.length : (container as unknown[]).length;
    if (top.next >= length) {
      parts.push(keys ? '}' : ']');
      onPath.delete(container);
      open.pop();
      continue;
    }
    const index = top.next++;
    const key = keys ? keys[index] : String(index);
    const value = serialized((container as Record<string, unknown>)[key], key);
    if (keys && skipped(value)) continue;
    if (top.written++ > 0) parts.push(',');
    if (keys) parts.push(JSON.stringify(key), ':');
    if (skipped(value)) parts.push('null');
    else write(value);
  }
  return parts.join('');
}
