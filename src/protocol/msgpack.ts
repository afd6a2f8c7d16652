// A small MessagePack codec, compatible with notepack.io (socket.io-msgpack-parser's codec):
// `d4 00 00` = undefined, ext 0 (`c7`–`c9`) = ArrayBuffer, `d7 00` = Date. Binary decodes to Uint8Array.
import { concatBytes, utf8Decode, utf8Encode } from './bytes';

/** An ext value other than notepack's undefined/ArrayBuffer/Date. */
export interface MsgpackExt {
  ext: number;
  data: Uint8Array;
}

const MAX_DEPTH = 512;

class Fail extends Error {}

class Reader {
  offset = 0;
  /** For floats and signed integers only, created on first use: most packets have none, and a view per packet costs. */
  private dataView: DataView | undefined;
  constructor(private readonly bytes: Uint8Array) {}

  private get view(): DataView {
    const b = this.bytes;
    return (this.dataView ??= new DataView(b.buffer, b.byteOffset, b.byteLength));
  }
  private need(n: number): number {
    const at = this.offset;
    if (at + n > this.bytes.length) throw new Fail(`truncated msgpack: need ${n} bytes at offset ${at}`);
    this.offset += n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)];
  }
  i8(): number {
    return this.view.getInt8(this.need(1));
  }
  u16(): number {
    const at = this.need(2);
    return (this.bytes[at] << 8) | this.bytes[at + 1];
  }
  u32(): number {
    const at = this.need(4);
    const b = this.bytes;
    return b[at] * 0x1000000 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
  }
  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.slice(at, at + n);
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Fail('msgpack nesting too deep');
    const p = this.u8();
    if (p < 0x80) return p;
    if (p < 0x90) return this.map(p & 0x0f, depth);
    if (p < 0xa0) return this.array(p & 0x0f, depth);
    if (p < 0xc0) return this.str(p & 0x1f);
    if (p > 0xdf) return p - 0x100;
    switch (p) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.take(this.u8());
      case 0xc5:
        return this.take(this.u16());
      case 0xc6:
        return this.take(this.u32());
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca:
        return this.view.getFloat32(this.need(4));
      case 0xcb:
        return this.view.getFloat64(this.need(8));
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return this.u32() * 2 ** 32 + this.u32();
      case 0xd0:
        return this.i8();
      case 0xd1:
        return this.view.getInt16(this.need(2));
      case 0xd2:
        return this.view.getInt32(this.need(4));
      case 0xd3:
        return this.view.getInt32(this.need(4)) * 2 ** 32 + this.u32();
      case 0xd4:
        return this.fixext(1);
      case 0xd5:
        return this.fixext(2);
      case 0xd6:
        return this.fixext(4);
      case 0xd7:
        return this.fixext(8);
      case 0xd8:
        return this.fixext(16);
      case 0xd9:
        return this.str(this.u8());
      case 0xda:
        return this.str(this.u16());
      case 0xdb:
        return this.str(this.u32());
      case 0xdc:
        return this.array(this.u16(), depth);
      case 0xdd:
        return this.array(this.u32(), depth);
      case 0xde:
        return this.map(this.u16(), depth);
      case 0xdf:
        return this.map(this.u32(), depth);
    }
    throw new Fail(`invalid msgpack byte 0x${p.toString(16)} at offset ${this.offset - 1}`);
  }

  private str(n: number): string {
    const at = this.need(n);
    // Short ASCII strings (keys, event names) without a TextDecoder call, whose fixed cost dominates them.
    if (n <= 32) {
      let s = '';
      for (let i = at; i < at + n; i++) {
        const b = this.bytes[i];
        if (b >= 0x80) return utf8Decode(this.bytes.subarray(at, at + n));
        s += String.fromCharCode(b);
      }
      return s;
    }
    return utf8Decode(this.bytes.subarray(at, at + n));
  }
  private ext(n: number): unknown {
    const type = this.i8();
    const data = this.take(n);
    return type === 0 ? data : ({ ext: type, data } satisfies MsgpackExt);
  }
  private fixext(n: number): unknown {
    const type = this.i8();
    if (type === 0 && n === 1) {
      this.need(1);
      return undefined;
    }
    if (type === 0 && n === 8) {
      return new Date(this.view.getInt32(this.need(4)) * 2 ** 32 + this.u32());
    }
    return { ext: type, data: this.take(n) } satisfies MsgpackExt;
  }
  private array(n: number, depth: number): unknown[] {
    if (n > this.bytes.length - this.offset) throw new Fail(`msgpack array of ${n} items exceeds the input`);
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = this.value(depth + 1);
    return out;
  }
  private map(n: number, depth: number): Record<string, unknown> {
    if (n * 2 > this.bytes.length - this.offset) throw new Fail(`msgpack map of ${n} entries exceeds the input`);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = String(this.value(depth + 1));
      const val = this.value(depth + 1);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: val, enumerable: true, writable: true, configurable: true });
      else out[key] = val;
    }
    return out;
  }
}

/** Decode one msgpack value filling `bytes` exactly; trailing bytes or malformed input give an error value. */
export function msgpackDecode(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  const reader = new Reader(bytes);
  try {
    const value = reader.value(0);
    if (reader.offset !== bytes.length)
      return { ok: false, error: `${bytes.length - reader.offset} trailing bytes after msgpack value` };
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Fail ? e.message : `msgpack decode failed: ${String(e)}` };
  }
}

/** True when the first byte opens a msgpack map (fixmap, map16, map32). */
export function startsWithMsgpackMap(bytes: Uint8Array): boolean {
  const b = bytes[0];
  return b !== undefined && ((b >= 0x80 && b <= 0x8f) || b === 0xde || b === 0xdf);
}

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
  sized(n: number, fix: number, fixMax: number, c8: number | undefined, c16: number, c32: number): void {
    if (n < fixMax) this.bytes(fix | n);
    else if (c8 !== undefined && n < 0x100) this.bytes(c8, n);
    else if (n < 0x10000) this.bytes(c16, n >> 8, n);
    else this.bytes(c32, n >>> 24, n >> 16, n >> 8, n);
  }
  float64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    this.bytes(0xcb);
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
      if (v < 0x80) this.bytes(v);
      else if (v < 0x100) this.bytes(0xcc, v);
      else if (v < 0x10000) this.bytes(0xcd, v >> 8, v);
      else if (v < 0x100000000) this.bytes(0xce, v >>> 24, v >> 16, v >> 8, v);
      else this.int64([0xcf], v);
    } else if (v >= -0x20) this.bytes(v);
    else if (v >= -0x80) this.bytes(0xd0, v);
    else if (v >= -0x8000) this.bytes(0xd1, v >> 8, v);
    else if (v >= -0x80000000) this.bytes(0xd2, v >> 24, v >> 16, v >> 8, v);
    else this.int64([0xd3], v);
  }
  value(v: unknown, depth: number): void {
    if (depth > MAX_DEPTH) throw new Fail('value nesting too deep for msgpack');
    if (v === null) return this.bytes(0xc0);
    switch (typeof v) {
      case 'undefined':
        return this.bytes(0xd4, 0, 0);
      case 'boolean':
        return this.bytes(v ? 0xc3 : 0xc2);
      case 'number':
        return this.number(v);
      case 'string': {
        const b = utf8Encode(v);
        this.sized(b.length, 0xa0, 0x20, 0xd9, 0xda, 0xdb);
        return this.raw(b);
      }
      case 'object':
        break;
      default:
        throw new Fail(`cannot encode a ${typeof v} in msgpack`);
    }
    if (v instanceof Uint8Array) {
      this.sized(v.length, 0, 0, 0xc4, 0xc5, 0xc6);
      return this.raw(v);
    }
    if (v instanceof Date) return this.int64([0xd7, 0], v.getTime());
    if (Array.isArray(v)) {
      this.sized(v.length, 0x90, 0x10, undefined, 0xdc, 0xdd);
      for (const item of v) this.value(item, depth + 1);
      return;
    }
    const obj = v as Record<string, unknown>;
    if (typeof obj['toJSON'] === 'function') return this.value((obj['toJSON'] as () => unknown)(), depth + 1);
    const keys = Object.keys(obj).filter((k) => typeof obj[k] !== 'function');
    this.sized(keys.length, 0x80, 0x10, undefined, 0xde, 0xdf);
    for (const k of keys) {
      this.value(k, depth + 1);
      this.value(obj[k], depth + 1);
    }
  }
  result(): Uint8Array {
    return concatBytes([...this.chunks, this.buf.subarray(0, this.at)]);
  }
}

/** Encode a value as notepack.io would (Uint8Array → bin, undefined → `d4 00 00`, Date → `d7 00`). */
export function msgpackEncode(value: unknown): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const w = new Writer();
  try {
    w.value(value, 0);
    return { ok: true, bytes: w.result() };
  } catch (e) {
    return { ok: false, error: e instanceof Fail ? e.message : `msgpack encode failed: ${String(e)}` };
  }
}
