import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { utf8Length } from '../../src/protocol/bytes';

const encoded = (text: string) => new TextEncoder().encode(text).length;

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes, for ASCII, any code point and lone surrogates', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary-ascii' }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)) }),
    );
    fc.assert(fc.property(texts, (text) => utf8Length(text) === encoded(text)));
  });

  it('counts texts too long for its scratch space in JavaScript, the same way', () => {
    for (const text of ['x'.repeat(100_000), 'é'.repeat(30_000), `${'a'.repeat(40_000)}\ud83d\ude00\ud800`]) {
      assert.equal(utf8Length(text), encoded(text));
    }
  });
});
