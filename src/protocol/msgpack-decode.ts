// MessagePack decoding, compatible with notepack.io (socket.io-msgpack-parser's codec): `d4 00 00` = undefined,
// ext 0 (`c7`–`c9`) = ArrayBuffer, `d7 00` = Date. Binary decodes to Uint8Array.
import { utf8Decode } from './bytes';
import { MsgpackFormat as F, MSGPACK_MAX_DEPTH, MsgpackFail, NOTEPACK_EXT, type MsgpackExt } from './msgpack-format';

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
    if (at + n > this.bytes.length) throw new MsgpackFail(`truncated msgpack: need ${n} bytes at offset ${at}`);
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
    if (depth > MSGPACK_MAX_DEPTH) throw new MsgpackFail('msgpack nesting too deep');
    // Any byte the wire has, read as a format byte.
    const p = this.u8() as F;
    if (p <= F.POSITIVE_FIXINT_MAX) return p;
    if (p < F.FIXARRAY) return this.map(p & 0x0f, depth);
    if (p < F.FIXSTR) return this.array(p & 0x0f, depth);
    if (p < F.NIL) return this.str(p & 0x1f);
    if (p >= F.NEGATIVE_FIXINT) return p - 0x100;
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
      case F.INT16:
        return this.view.getInt16(this.need(2));
      case F.INT32:
        return this.view.getInt32(this.need(4));
      case F.INT64:
        return this.view.getInt32(this.need(4)) * 2 ** 32 + this.u32();
      case F.FIXEXT1:
        return this.fixext(1);
      case F.FIXEXT2:
        return this.fixext(2);
      case F.FIXEXT4:
        return this.fixext(4);
      case F.FIXEXT8:
        return this.fixext(8);
      case F.FIXEXT16:
        return this.fixext(16);
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
    throw new MsgpackFail(`invalid msgpack byte 0x${p.toString(16)} at offset ${this.offset - 1}`);
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
      return new Date(this.view.getInt32(this.need(4)) * 2 ** 32 + this.u32());
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
    return { ok: false, error: e instanceof MsgpackFail ? e.message : `msgpack decode failed: ${String(e)}` };
  }
}

/** True when the first byte opens a msgpack map (fixmap, map16, map32). */
export function startsWithMsgpackMap(bytes: Uint8Array): boolean {
  const b = bytes[0] as F | undefined;
  return b !== undefined && ((b >= F.FIXMAP && b < F.FIXARRAY) || b === F.MAP16 || b === F.MAP32);
}
