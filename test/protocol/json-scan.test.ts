// The JSON check that builds no values (src/protocol/json-scan.ts) says "JSON" exactly when JSON.parse reads the text
// without throwing: named edge cases, generated JSON, and texts mutated one character at a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isJson } from '../../src/protocol/json-scan.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const EDGES = [
  ...['0', '-0', '1.5e+3', '1E5', '-12.25e-2', '01', '-', '1.', '.5', '1e', '1e+', '+1', '0x1', 'NaN', 'Infinity'],
  ...['""', '"\\u00e9\\n\\/\\b\\f\\r\\t\\"\\\\"', '"\\x"', '"\\u12"', '"\\u12G4"', '"a\nb"', '"a\u007fb"', '"\ud800"'],
  ...['"\u2028"', '"unterminated', '"\\"', 'true', 'false', 'null', 'tru', 'nul', 'trueX', 'True', "'a'"],
  ...['[]', '{}', '[1,]', '[,1]', '{"a":1,}', '{"a"}', '{a:1}', '{"a":1 "b":2}', '[1 2]', '[', ']', '[]]', '[{]}'],
  ...[' [1] ', '\t\n\r[1]', '\u00a0[1]', '\ufeff[1]', '\v[1]', '[1]\u0000', '', ' ', '[1]x', '{"a":[{"b":{}}]}'],
  ...['{"__proto__":1}', '[1,{"a":"b"},[null,true,false],-0.5e-7,"é😀"]', '{"a":1}{"b":2}', '{"":""}', '{"a" : 1}'],
];

describe('JSON check without building values', () => {
  it('agrees with JSON.parse on named edge cases', () => {
    for (const text of EDGES) assert.equal(isJson(text), parses(text), JSON.stringify(text));
  });

  it('reads from an offset, and nests to any depth', () => {
    assert.equal(isJson('42["a",{"b":1}]', 2), true);
    assert.equal(isJson('42["a",{"b":1}', 2), false);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.equal(isJson(deep), parses(deep));
    assert.equal(isJson(deep.slice(0, -1)), false);
  });

  it('says JSON for any JSON text', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), (text) => isJson(text)),
      { numRuns: 5_000 },
    );
  });

  it('agrees with JSON.parse on JSON texts mutated at one place', () => {
    const alphabet = [...' \t\n"\\/:,[]{}-+.0123456789eEtrufalsn\u0000\u001f\u00e9\ud800'];
    fc.assert(
      fc.property(
        fc.json({ depthSize: 'small' }),
        fc.nat(),
        fc.constantFrom(...alphabet),
        fc.constantFrom('insert', 'replace', 'delete'),
        (text, at, char, edit) => {
          const i = at % (text.length + 1);
          const mutated =
            edit === 'insert'
              ? text.slice(0, i) + char + text.slice(i)
              : edit === 'replace'
                ? text.slice(0, i) + char + text.slice(i + 1)
                : text.slice(0, i) + text.slice(i + 1);
          assert.equal(isJson(mutated), parses(mutated), JSON.stringify(mutated));
        },
      ),
      { numRuns: 30_000 },
    );
  });
});
