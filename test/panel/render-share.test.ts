import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderShare } from '../../src/panel/throttle';

describe('render share', () => {
  it('is half of the panel time while records come at up to 5,000 a second', () => {
    for (const rate of [0, 10, 1000, 5000]) assert.equal(renderShare(rate), 0.5, `${rate}/s`);
  });

  it('falls in proportion to the rate beyond it, down to a tenth', () => {
    assert.equal(renderShare(10_000), 0.25);
    assert.equal(renderShare(20_000), 0.125);
    assert.equal(renderShare(25_000), 0.1);
    assert.equal(renderShare(1_000_000), 0.1);
    for (let rate = 5000; rate < 30_000; rate += 500)
      assert.ok(renderShare(rate + 500) <= renderShare(rate), `no rise from ${rate}/s`);
  });
});
