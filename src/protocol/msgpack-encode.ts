// MessagePack encoding as notepack.io writes it (socket.io-msgpack-parser's codec): Uint8Array → bin,
// undefined → `d4 00 00`, Date → `d7 00` + int64 milliseconds.
import { concatBytes, utf8Encode } from './bytes';
import {
  FIX_COLLECTION_LIMIT,
  FIX_STR_LIMIT,
  MsgpackFormat as F,
  MSGPACK_MAX_DEPTH,
  MsgpackFail,
  NEGATIVE_FIXINT_MIN,
  NOTEPACK_EXT,
  POSITIVE_FIXINT_LIMIT,
} from './msgpack-format';

class Writer {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(256);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.at));
    this.buf = new Uint8Array(Math.max(n, 4096));
    this.at = 0;
  }
  bytes(...b: number[]): void {
    this.room(b.length);
    for (const x of b) this.buf[this.at++] = x & 0xff;
  }
  raw(data: Uint8Array): void {
    this.room(data.length);
    this.buf.set(data, this.at);
    this.at += data.length;
  }
  /** A size in the smallest form: the fix format (`fix | n` below `fixLimit`), else 8-, 16- or 32-bit. */
  sized(n: number, fix: number, fixLimit: number, c8: F | undefined, c16: F, c32: F): void {
    if (n < fixLimit) this.bytes(fix | n);
    else if (c8 !== undefined && n < 0x100) this.bytes(c8, n);
    else if (n < 0x10000) this.bytes(c16, n >> 8, n);
    else this.bytes(c32, n >>> 24, n >> 16, n >> 8, n);
  }
  float64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    this.bytes(F.FLOAT64);
    this.raw(b);
  }
  /** `prefix` then a big-endian 64-bit integer (notepack's split into hi/lo words). */
  int64(prefix: number[], v: number): void {
    const hi = Math.floor(v / 2 ** 32);
    const lo = v >>> 0;
    this.bytes(...prefix, hi >> 24, hi >> 16, hi >> 8, hi, lo >>> 24, lo >> 16, lo >> 8, lo);
  }
  number(v: number): void {
    if (!Number.isSafeInteger(v))
      this.float64(v); // notepack overflows int64 beyond 2^63; a double is exact
    else if (v >= 0) {
      if (v < POSITIVE_FIXINT_LIMIT) this.bytes(v);
      else if (v < 0x100) this.bytes(F.UINT8, v);
      else if (v < 0x10000) this.bytes(F.UINT16, v >> 8, v);
      else if (v < 0x100000000) this.bytes(F.UINT32, v >>> 24, v >> 16, v >> 8, v);
      else this.int64([F.UINT64], v);
    } else if (v >= NEGATIVE_FIXINT_MIN) this.bytes(v);
    else if (v >= -0x80) this.bytes(F.INT8, v);
    else if (v >= -0x8000) this.bytes(F.INT16, v >> 8, v);
    else if (v >= -0x80000000) this.bytes(F.INT32, v >> 24, v >> 16, v >> 8, v);
    else this.int64([F.INT64], v);
  }
  value(v: unknown, depth: number): void {
    if (depth > MSGPACK_MAX_DEPTH) throw new MsgpackFail('value nesting too deep for msgpack');
    if (v === null) return this.bytes(F.NIL);
    switch (typeof v) {
      case 'undefined':
        return this.bytes(F.FIXEXT1, NOTEPACK_EXT, 0);
      case 'boolean':
        return this.bytes(v ? F.TRUE : F.FALSE);
      case 'number':
        return this.number(v);
      case 'string': {
        const b = utf8Encode(v);
        this.sized(b.length, F.FIXSTR, FIX_STR_LIMIT, F.STR8, F.STR16, F.STR32);
        return this.raw(b);
      }
      case 'object':
        break;
      default:
        throw new MsgpackFail(`cannot encode a ${typeof v} in msgpack`);
    }
    if (v instanceof Uint8Array) {
      this.sized(v.length, 0, 0, F.BIN8, F.BIN16, F.BIN32);
      return this.raw(v);
    }
    if (v instanceof Date) return this.int64([F.FIXEXT8, NOTEPACK_EXT], v.getTime());
    if (Array.isArray(v)) {
      this.sized(v.length, F.FIXARRAY, FIX_COLLECTION_LIMIT, undefined, F.ARRAY16, F.ARRAY32);
      for (const item of v) this.value(item, depth + 1);
      return;
    }
    const obj = v as Record<string, unknown>;
    if (typeof obj['toJSON'] === 'function') return this.value((obj['toJSON'] as () => unknown)(), depth + 1);
    const keys = Object.keys(obj).filter((k) => typeof obj[k] !== 'function');
    this.sized(keys.length, F.FIXMAP, FIX_COLLECTION_LIMIT, undefined, F.MAP16, F.MAP32);
    for (const k of keys) {
      this.value(k, depth + 1);
      this.value(obj[k], depth + 1);
    }
  }
  result(): Uint8Array {
    this.chunks.push(this.buf.subarray(0, this.at));
    return concatBytes(this.chunks);
  }
}

/** Encode a value as notepack.io would (Uint8Array → bin, undefined → `d4 00 00`, Date → `d7 00`). */
export function msgpackEncode(value: unknown): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const w = new Writer();
  try {
    w.value(value, 0);
    return { ok: true, bytes: w.result() };
  } catch (e) {
    return { ok: false, error: e instanceof MsgpackFail ? e.message : `msgpack encode failed: ${String(e)}` };
  }
}
