import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderShare } from '../../src/panel/throttle';

describe('render share', () => {
  it('is the whole of the panel time while records come at up to 5,000 a second', () => {
    for (const rate of [0, 10, 1000, 5000]) assert.equal(renderShare(rate), 1, `${rate}/s`);
  });

  it('falls with the rate beyond it, to a tenth from 10,000 a second', () => {
    assert.ok(Math.abs(renderShare(7500) - 0.55) < 1e-9, 'halfway between: 0.55');
    assert.equal(renderShare(10_000), 0.1);
    assert.equal(renderShare(1_000_000), 0.1);
    for (let rate = 5000; rate < 12_000; rate += 250)
      assert.ok(renderShare(rate + 250) <= renderShare(rate), `no rise from ${rate}/s`);
  });
});
