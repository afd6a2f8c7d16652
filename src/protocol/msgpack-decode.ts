// MessagePack decoding, compatible with notepack.io (socket.io-msgpack-parser's codec): `d4 00 00` = undefined,
// ext 0 (`c7`–`c9`) = ArrayBuffer, `d7 00` = Date. Binary decodes to Uint8Array.
import { utf8Decode } from './bytes';
import { MsgpackFormat as F, MSGPACK_MAX_DEPTH, MsgpackFail, NOTEPACK_EXT, type MsgpackExt } from './msgpack-format';

/** The data length of a fixext format: 1, 2, 4, 8 or 16 bytes, from FIXEXT1 on. */
function fixextLength(format: F): number {
  return 1 << (format - F.FIXEXT1);
}

/**
 * The keys of socket.io's packet objects and of their `options`, read as these constants (see `key`): a constant is an
 * internalized string, which a keyed store into the packet object finds at once, where a string built from the bytes
 * is looked up in V8's string table at each store first.
 */
const PACKET_KEYS = ['type', 'data', 'nsp', 'id', 'options', 'compress'];

class Reader {
  offset = 0;
  /**
   * Set for a packet object's head (msgpackDecodeHead): its top-level `data`, when an array, is read as its first item
   * only, and `dataAt` says where the whole array begins.
   */
  headOnly = false;
  dataAt: number | undefined;
  /** For floats only, created on first use: most packets have none, and a view per packet costs. */
  private dataView: DataView | undefined;
  constructor(private readonly bytes: Uint8Array) {}

  private get view(): DataView {
    const b = this.bytes;
    return (this.dataView ??= new DataView(b.buffer, b.byteOffset, b.byteLength));
  }
  private need(n: number): number {
    const at = this.offset;
    if (at + n > this.bytes.length) throw new MsgpackFail(`truncated msgpack: need ${n} bytes at offset ${at}`);
    this.offset += n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)];
  }
  i8(): number {
    const value = this.u8();
    return value >= 0x80 ? value - 0x100 : value;
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
    if (depth > MSGPACK_MAX_DEPTH) throw new MsgpackFail('msgpack nesting too deep');
    // Any byte the wire has, read as a format byte.
    const p = this.u8() as F;
    if (p <= F.POSITIVE_FIXINT_MAX) return p;
    if (p < F.FIXARRAY) return this.map(p & 0x0f, depth);
    if (p < F.FIXSTR) return this.array(p & 0x0f, depth);
    if (p < F.NIL) return this.str(p & 0x1f);
    if (p >= F.NEGATIVE_FIXINT) return p - 0x100;
    if (p >= F.FIXEXT1 && p <= F.FIXEXT16) return this.fixext(fixextLength(p));
    switch (p) {
      case F.NIL:
        return null;
      case F.FALSE:
        return false;
      case F.TRUE:
        return true;
      case F.BIN8:
        return this.take(this.u8());
      case F.BIN16:
        return this.take(this.u16());
      case F.BIN32:
        return this.take(this.u32());
      case F.EXT8:
        return this.ext(this.u8());
      case F.EXT16:
        return this.ext(this.u16());
      case F.EXT32:
        return this.ext(this.u32());
      case F.FLOAT32:
        return this.view.getFloat32(this.need(4));
      case F.FLOAT64:
        return this.view.getFloat64(this.need(8));
      case F.UINT8:
        return this.u8();
      case F.UINT16:
        return this.u16();
      case F.UINT32:
        return this.u32();
      case F.UINT64:
        return this.u32() * 2 ** 32 + this.u32();
      case F.INT8:
        return this.i8();
      case F.INT16: {
        const value = this.u16();
        return value >= 0x8000 ? value - 0x10000 : value;
      }
      case F.INT32:
        return this.u32() | 0;
      case F.INT64:
        return (this.u32() | 0) * 2 ** 32 + this.u32();
      case F.STR8:
        return this.str(this.u8());
      case F.STR16:
        return this.str(this.u16());
      case F.STR32:
        return this.str(this.u32());
      case F.ARRAY16:
        return this.array(this.u16(), depth);
      case F.ARRAY32:
        return this.array(this.u32(), depth);
      case F.MAP16:
        return this.map(this.u16(), depth);
      case F.MAP32:
        return this.map(this.u32(), depth);
    }
    throw this.invalid(p);
  }

  /** The error for format byte `p`, just read: one no msgpack value starts with. */
  private invalid(p: number): MsgpackFail {
    return new MsgpackFail(`invalid msgpack byte 0x${p.toString(16)} at offset ${this.offset - 1}`);
  }

  /** Moves past one value, checked exactly as `value` checks it (same errors), building nothing. */
  skip(depth: number): void {
    if (depth > MSGPACK_MAX_DEPTH) throw new MsgpackFail('msgpack nesting too deep');
    const p = this.u8() as F;
    if (p <= F.POSITIVE_FIXINT_MAX || p >= F.NEGATIVE_FIXINT) return;
    if (p < F.FIXARRAY) return this.skipMap(p & 0x0f, depth);
    if (p < F.FIXSTR) return this.skipArray(p & 0x0f, depth);
    if (p < F.NIL) return void this.need(p & 0x1f);
    if (p >= F.FIXEXT1 && p <= F.FIXEXT16) return this.skipFixext(fixextLength(p));
    switch (p) {
      case F.NIL:
      case F.FALSE:
      case F.TRUE:
        return;
      case F.BIN8:
      case F.STR8:
        return void this.need(this.u8());
      case F.BIN16:
      case F.STR16:
        return void this.need(this.u16());
      case F.BIN32:
      case F.STR32:
        return void this.need(this.u32());
      case F.EXT8:
        return this.skipExt(this.u8());
      case F.EXT16:
        return this.skipExt(this.u16());
      case F.EXT32:
        return this.skipExt(this.u32());
      case F.UINT8:
      case F.INT8:
        return void this.need(1);
      case F.UINT16:
      case F.INT16:
        return void this.need(2);
      case F.FLOAT32:
      case F.UINT32:
      case F.INT32:
        return void this.need(4);
      case F.FLOAT64:
        return void this.need(8);
      // Read as two halves, as `value` reads them.
      case F.UINT64:
      case F.INT64:
        this.need(4);
        return void this.need(4);
      case F.ARRAY16:
        return this.skipArray(this.u16(), depth);
      case F.ARRAY32:
        return this.skipArray(this.u32(), depth);
      case F.MAP16:
        return this.skipMap(this.u16(), depth);
      case F.MAP32:
        return this.skipMap(this.u32(), depth);
    }
    throw this.invalid(p);
  }

  /** An ext's type byte, then its `n` bytes of data. */
  private skipExt(n: number): void {
    this.need(1);
    this.need(n);
  }
  /** A fixext: as skipExt, but a notepack Date's 8 bytes as two halves, as `value` reads them. */
  private skipFixext(n: number): void {
    if (this.u8() !== NOTEPACK_EXT || n !== 8) return void this.need(n);
    this.need(4);
    this.need(4);
  }
  private skipArray(n: number, depth: number): void {
    if (n > this.bytes.length - this.offset) throw new MsgpackFail(`msgpack array of ${n} items exceeds the input`);
    for (let i = 0; i < n; i++) this.skip(depth + 1);
  }
  private skipMap(n: number, depth: number): void {
    if (n * 2 > this.bytes.length - this.offset) throw new MsgpackFail(`msgpack map of ${n} entries exceeds the input`);
    for (let i = 0; i < n * 2; i++) this.skip(depth + 1);
  }

  /** A map's key: one of PACKET_KEYS when its bytes are, else its value as a string. */
  private key(depth: number): string {
    const b = this.bytes;
    const at = this.offset;
    // A fixstr's length (any other format byte gives a length no key has).
    const n = b[at] - F.FIXSTR;
    if (at + 1 + n <= b.length) {
      for (const key of PACKET_KEYS) {
        if (key.length !== n) continue;
        let i = 0;
        while (i < n && b[at + 1 + i] === key.charCodeAt(i)) i++;
        if (i < n) continue;
        this.offset = at + 1 + n;
        return key;
      }
    }
    return String(this.value(depth));
  }

  /** Whether the next value is an array (fixarray, array16, array32). */
  private arrayNext(): boolean {
    const b = this.bytes[this.offset] as F | undefined;
    return b !== undefined && ((b >= F.FIXARRAY && b < F.FIXSTR) || b === F.ARRAY16 || b === F.ARRAY32);
  }

  /** An array read as its first item only, the others checked and skipped (see headOnly). */
  private firstItemOnly(depth: number): unknown[] {
    const p = this.u8() as F;
    const n = p === F.ARRAY16 ? this.u16() : p === F.ARRAY32 ? this.u32() : p & 0x0f;
    if (n > this.bytes.length - this.offset) throw new MsgpackFail(`msgpack array of ${n} items exceeds the input`);
    if (n === 0) return [];
    const first = this.value(depth + 1);
    for (let i = 1; i < n; i++) this.skip(depth + 1);
    return [first];
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
    return type === NOTEPACK_EXT ? data : ({ ext: type, data } satisfies MsgpackExt);
  }
  private fixext(n: number): unknown {
    const type = this.i8();
    if (type === NOTEPACK_EXT && n === 1) {
      this.need(1);
      return undefined;
    }
    if (type === NOTEPACK_EXT && n === 8) {
      return new Date((this.u32() | 0) * 2 ** 32 + this.u32());
    }
    return { ext: type, data: this.take(n) } satisfies MsgpackExt;
  }
  private array(n: number, depth: number): unknown[] {
    if (n > this.bytes.length - this.offset) throw new MsgpackFail(`msgpack array of ${n} items exceeds the input`);
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = this.value(depth + 1);
    return out;
  }
  private map(n: number, depth: number): Record<string, unknown> {
    if (n * 2 > this.bytes.length - this.offset) throw new MsgpackFail(`msgpack map of ${n} entries exceeds the input`);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = this.key(depth + 1);
      const head = depth === 0 && this.headOnly && key === 'data';
      if (head) this.dataAt = this.arrayNext() ? this.offset : undefined;
      const val = head && this.dataAt !== undefined ? this.firstItemOnly(depth + 1) : this.value(depth + 1);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: val, enumerable: true, writable: true, configurable: true });
      else out[key] = val;
    }
    return out;
  }
}

/** Decode one msgpack value filling `bytes` exactly; trailing bytes or malformed input give an error value. */
export function msgpackDecode(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  return readWhole(new Reader(bytes), bytes);
}

function readWhole(reader: Reader, bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value = reader.value(0);
    if (reader.offset !== bytes.length)
      return { ok: false, error: `${bytes.length - reader.offset} trailing bytes after msgpack value` };
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: failure(e) };
  }
}

function failure(e: unknown): string {
  return e instanceof MsgpackFail ? e.message : `msgpack decode failed: ${String(e)}`;
}

/**
 * A socket.io-msgpack-parser packet object read for the timeline's row: as msgpackDecode reads it (the same checks,
 * the same errors), but a top-level `data` array holds its first item only (an EVENT's name), the others checked and
 * skipped; `dataAt` is where the whole array begins, for msgpackValueAt when the arguments are read.
 */
export function msgpackDecodeHead(
  bytes: Uint8Array,
): { ok: true; value: unknown; dataAt: number | undefined } | { ok: false; error: string } {
  const reader = new Reader(bytes);
  reader.headOnly = true;
  const read = readWhole(reader, bytes);
  return read.ok ? { ok: true, value: read.value, dataAt: reader.dataAt } : read;
}

/** The msgpack value at `at` in `bytes` (one checked before, as by msgpackDecodeHead), or why it is not one. */
export function msgpackValueAt(
  bytes: Uint8Array,
  at: number,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const reader = new Reader(bytes);
  reader.offset = at;
  try {
    return { ok: true, value: reader.value(0) };
  } catch (e) {
    return { ok: false, error: failure(e) };
  }
}

/** True when the first byte opens a msgpack map (fixmap, map16, map32). */
export function startsWithMsgpackMap(bytes: Uint8Array): boolean {
  const b = bytes[0] as F | undefined;
  return b !== undefined && ((b >= F.FIXMAP && b < F.FIXARRAY) || b === F.MAP16 || b === F.MAP32);
}
