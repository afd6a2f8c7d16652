// Our msgpack codec against notepack.io (the codec inside socket.io-msgpack-parser): same values both ways.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { msgpackDecode, msgpackDecodeHead, msgpackValueAt } from '../../src/protocol/msgpack-decode.ts';
import { msgpackEncode } from '../../src/protocol/msgpack-encode.ts';
import { args, withBinary } from './support/arbitraries.ts';
import { norm, toBuffers } from './support/normalize.ts';
import { notepack } from './support/official.ts';

const value = fc.oneof(
  withBinary,
  fc.date({ noInvalidDate: true }),
  fc.constant(undefined),
  fc.double(),
  fc.maxSafeInteger(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.nat(), { minLength: 16, maxLength: 300 }),
  fc.dictionary(fc.string(), fc.nat(), { minKeys: 16, maxKeys: 40 }).filter((o) => !('__proto__' in o)),
);

test('notepack.io output decodes identically with ours (incl. Date, undefined, NaN, big maps/arrays)', () => {
  fc.assert(
    fc.property(value, (v) => {
      const bytes = notepack.encode(toBuffers(v));
      const ours = msgpackDecode(new Uint8Array(bytes));
      assert.ok(ours.ok, !ours.ok ? ours.error : '');
      assert.deepEqual(norm(ours.value), norm(notepack.decode(bytes)));
    }),
    { numRuns: 300 },
  );
});

test("socket.io's packet keys, their lookalikes and signed integers of every width decode as notepack.io's", () => {
  const keys = ['type', 'data', 'nsp', 'id', 'options', 'compress', 'typ', 'types', 'Data', 'nsp\u00e9', 'i', 'ids'];
  const integers = [-1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1, -(2 ** 53) + 1];
  fc.assert(
    fc.property(fc.shuffledSubarray(keys), fc.subarray(integers), (picked, values) => {
      const object = Object.fromEntries(picked.map((key, i) => [key, { options: values, at: i }]));
      const bytes = notepack.encode(object);
      assert.deepEqual(msgpackDecode(new Uint8Array(bytes)), { ok: true, value: notepack.decode(bytes) });
    }),
    { numRuns: 200 },
  );
});

test('our msgpack output decodes with notepack.io to the same value', () => {
  fc.assert(
    fc.property(value, (v) => {
      const ours = msgpackEncode(v);
      assert.ok(ours.ok);
      assert.deepEqual(norm(notepack.decode(Buffer.from(ours.bytes))), norm(v));
    }),
    { numRuns: 300 },
  );
});

test('notepack ext types: ArrayBuffer (ext 0) → Uint8Array, d4 00 00 → undefined, unknown ext kept', () => {
  const ab = notepack.encode(new Uint8Array([1, 2, 3]).buffer);
  assert.deepEqual(Array.from(ab.subarray(0, 3)), [0xc7, 3, 0]);
  assert.deepEqual(msgpackDecode(new Uint8Array(ab)), { ok: true, value: Uint8Array.of(1, 2, 3) });
  assert.deepEqual(msgpackDecode(Uint8Array.of(0xd4, 0, 0)), { ok: true, value: undefined });
  assert.deepEqual(msgpackDecode(Uint8Array.of(0xd5, 7, 1, 2)), {
    ok: true,
    value: { ext: 7, data: Uint8Array.of(1, 2) },
  });
  assert.match(
    String(!msgpackDecode(Uint8Array.of(0x91)).ok && (msgpackDecode(Uint8Array.of(0x91)) as { error: string }).error),
    /exceeds the input/,
  );
  assert.match((msgpackDecode(Uint8Array.of(1, 2)) as { error: string }).error, /1 trailing bytes/);
  assert.match((msgpackDecode(Uint8Array.of(0xc1)) as { error: string }).error, /invalid msgpack byte 0xc1/);
  assert.equal(
    msgpackDecode(new Uint8Array(2000).fill(0x91)).ok,
    false,
    'deep nesting is an error, not a stack overflow',
  );
  const big = {
    list: Array.from({ length: 70_000 }, (_, i) => i),
    map: Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`k${i}`, i])),
    text: 'é'.repeat(70_000),
  };
  const packed = notepack.encode(big);
  assert.deepEqual(msgpackDecode(new Uint8Array(packed)), { ok: true, value: big }, 'array32, map32, str32');
  const ours = msgpackEncode(big);
  assert.ok(ours.ok && Buffer.from(ours.bytes).equals(packed), 'byte-identical to notepack');
});

/** Bytes that are a packet object now and then, and often not msgpack at all: every path of the head's reader. */
const packetBytes = fc.oneof(
  fc
    .record(
      { type: fc.integer({ min: -1, max: 7 }), nsp: fc.constant('/'), data: fc.oneof(args(), value), id: fc.nat() },
      {
        requiredKeys: ['type', 'nsp'],
      },
    )
    .map((packet) => new Uint8Array(notepack.encode(toBuffers(packet)))),
  // Cut or damaged: the error must be the one msgpackDecode gives.
  fc.tuple(args(), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([data, at, byte]) => {
    const bytes = new Uint8Array(notepack.encode(toBuffers({ type: 2, nsp: '/', data: ['e', ...data] })));
    const cut = at % 3 === 0 ? bytes.subarray(0, at % bytes.length) : bytes;
    if (at % 3 === 1) cut[at % cut.length] = byte;
    return cut;
  }),
  fc.uint8Array({ maxLength: 40 }),
);

test("a packet object's head reads as msgpackDecode does, its data array but the first item left in the bytes", () => {
  fc.assert(
    fc.property(packetBytes, (bytes) => {
      const whole = msgpackDecode(bytes);
      const head = msgpackDecodeHead(bytes);
      assert.equal(head.ok, whole.ok);
      if (!head.ok || !whole.ok) return assert.deepEqual(head, whole, 'the same error');
      const value = whole.value as { data?: unknown } | undefined;
      const isMap =
        typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
      if (!isMap || !Array.isArray(value.data)) {
        assert.equal(head.dataAt, undefined);
        return assert.deepEqual(norm(head.value), norm(whole.value));
      }
      assert.deepEqual(norm(head.value), norm({ ...value, data: value.data.slice(0, 1) }));
      assert.deepEqual(norm(msgpackValueAt(bytes, head.dataAt!)), norm({ ok: true, value: value.data }));
    }),
    { numRuns: 500 },
  );
});
