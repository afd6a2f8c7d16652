import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnCapacity, fitsIn } from '../../src/panel/components/cell-fit';

describe('which timeline cells need no clip', () => {
  it('counts the characters a column shows whole, none without layout', () => {
    assert.equal(columnCapacity(96, 6.623), 12); // the Time column's default width, DejaVu Sans Mono at 11px
    assert.equal(columnCapacity(28, 6.623), 2);
    assert.equal(columnCapacity(4, 6.623), 0);
    assert.equal(columnCapacity(96, 0), 0);
  });

  it('takes a character beyond ASCII as two, and a control character as not fitting', () => {
    assert.equal(fitsIn('12:34:56.789', 12), true);
    assert.equal(fitsIn('12:34:56.7890', 12), false);
    assert.equal(fitsIn('↑', 2), true);
    assert.equal(fitsIn('↑', 1), false);
    assert.equal(fitsIn('聊天', 3), false);
    assert.equal(fitsIn('a\tb', 10), false);
    assert.equal(fitsIn('', 0), true);
  });
});
