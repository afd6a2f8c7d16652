// The encoders the import is built on read back through the decoder's own splitters: a polling body split, encoded
// again and split again gives the same packets and rest; JSONP wrappers unwrap to what they wrapped; JSON of any
// depth is written as JSON.stringify writes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodePayload, stringifyJson, wrapJsonpPost, wrapJsonpResponse } from '../../src/protocol/index.ts';
import { unwrapJsonpPost, unwrapJsonpResponse } from '../../src/protocol/jsonp.ts';
import { splitPayload } from '../../src/protocol/payload.ts';
import { json, text } from './support/arbitraries.ts';

/** Polling bodies of every form, well-formed or not: packets (some empty, some mojibake), binary records, rests. */
const body = fc.oneof(
  fc.array(fc.oneof(text(), fc.constantFrom('', 'ok', 'Ã©', '{"code":1}', '___eio[0]("4', 'd=x')), { maxLength: 5 }),
  fc.string(),
  fc.uint8Array({ maxLength: 30 }).map((b) => (b.length > 0 ? Uint8Array.from([b[0] & 1, ...b.subarray(1)]) : b)),
);

function asBody(value: string | string[] | Uint8Array, version: 3 | 4): string | Uint8Array {
  if (!Array.isArray(value)) return value;
  return version === 4 ? value.join('\x1e') : value.map((p) => `${p.length}:${p}`).join('');
}

test('encodePayload with exact: a split body encoded again splits to the same packets and rest', () => {
  fc.assert(
    fc.property(body, fc.constantFrom<3 | 4>(3, 4), (value, version) => {
      const split = splitPayload(asBody(value, version), version);
      if (split.httpError || split.format === 'ok' || split.rest?.errorKind === 'bad-jsonp') return;
      const again = splitPayload(
        encodePayload(split.packets, version, { rest: split.rest?.data, exact: true }),
        version,
      );
      assert.deepEqual(again.packets, split.packets);
      assert.deepEqual(again.rest, split.rest);
    }),
    { numRuns: 2000 },
  );
});

test('JSONP wrappers unwrap to what they wrapped', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (payload) => {
      assert.equal(unwrapJsonpResponse(wrapJsonpResponse(payload, 3)), payload);
      // The client's newline escaping cannot tell a backslash before a real newline from an escaped newline.
      if (!payload.includes('\\\n')) assert.equal(unwrapJsonpPost(wrapJsonpPost(payload)), payload);
    }),
    { numRuns: 1000 },
  );
  assert.equal(wrapJsonpResponse('4\u2028', 0), '___eio[0]("4\\u2028");');
});

test('stringifyJson writes values of any depth as JSON.stringify writes shallow ones', () => {
  fc.assert(
    fc.property(json, fc.constantFrom(1, 10_000), (value, depth) => {
      let deep: unknown = value;
      for (let i = 0; i < depth; i++) deep = i % 2 ? [deep] : { k: deep, skip: undefined };
      let expected = JSON.stringify(value) ?? 'null';
      for (let i = 0; i < depth; i++) expected = i % 2 ? `[${expected}]` : `{"k":${expected}}`;
      assert.equal(stringifyJson(deep), expected);
    }),
    { numRuns: 200 },
  );
  const cyclic: unknown[] = [];
  let inner: unknown[] = cyclic;
  for (let i = 0; i < 10_000; i++) inner = [inner];
  cyclic.push(inner);
  assert.throws(() => stringifyJson(cyclic), TypeError);
  assert.equal(stringifyJson(undefined), undefined);
});
