// The MessagePack format bytes (the spec's names) and notepack.io's ext types: the one table msgpack-decode.ts and
// msgpack-encode.ts read and write.

/** First byte of each MessagePack format; the fix formats carry their value or size in the low bits. */
export enum MsgpackFormat {
  POSITIVE_FIXINT_MAX = 0x7f,
  FIXMAP = 0x80,
  FIXARRAY = 0x90,
  FIXSTR = 0xa0,
  NIL = 0xc0,
  FALSE = 0xc2,
  TRUE = 0xc3,
  BIN8 = 0xc4,
  BIN16 = 0xc5,
  BIN32 = 0xc6,
  EXT8 = 0xc7,
  EXT16 = 0xc8,
  EXT32 = 0xc9,
  FLOAT32 = 0xca,
  FLOAT64 = 0xcb,
  UINT8 = 0xcc,
  UINT16 = 0xcd,
  UINT32 = 0xce,
  UINT64 = 0xcf,
  INT8 = 0xd0,
  INT16 = 0xd1,
  INT32 = 0xd2,
  INT64 = 0xd3,
  FIXEXT1 = 0xd4,
  FIXEXT2 = 0xd5,
  FIXEXT4 = 0xd6,
  FIXEXT8 = 0xd7,
  FIXEXT16 = 0xd8,
  STR8 = 0xd9,
  STR16 = 0xda,
  STR32 = 0xdb,
  ARRAY16 = 0xdc,
  ARRAY32 = 0xdd,
  MAP16 = 0xde,
  MAP32 = 0xdf,
  NEGATIVE_FIXINT = 0xe0,
}

/** Entries a fixmap / fixarray holds at most (low 4 bits), bytes a fixstr holds at most (low 5 bits), plus one. */
export const FIX_COLLECTION_LIMIT = 0x10;
export const FIX_STR_LIMIT = 0x20;
/** The integers a positive fixint (below the limit) and a negative fixint (from the minimum) hold. */
export const POSITIVE_FIXINT_LIMIT = 0x80;
export const NEGATIVE_FIXINT_MIN = -0x20;

/**
 * notepack.io's ext type 0: `undefined` as fixext1 (`d4 00 00`), a Date as fixext8 (`d7 00` + int64 milliseconds),
 * an ArrayBuffer as ext8/16/32 of that type.
 */
export const NOTEPACK_EXT = 0;

/** Deepest nesting either direction reads or writes. */
export const MSGPACK_MAX_DEPTH = 512;

/** Thrown inside the codec only, and returned as an error value by msgpackDecode / msgpackEncode. */
export class MsgpackFail extends Error {}

/** A msgpack ext value other than notepack's undefined/ArrayBuffer/Date. */
export interface MsgpackExt {
  ext: number;
  data: Uint8Array;
}
