/**
 * A value with every binary inside it (ArrayBuffer or any view, at any depth of arrays and plain objects) replaced
 * by `map` of a copy of its bytes.
 */
export function mapBinaries(value: unknown, map: (bytes: Buffer) => unknown): unknown {
  if (value instanceof ArrayBuffer) return map(Buffer.from(new Uint8Array(value)));
  if (ArrayBuffer.isView(value))
    return map(Buffer.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
  if (Array.isArray(value)) return value.map((item) => mapBinaries(item, map));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapBinaries(item, map)]));
  return value;
}
