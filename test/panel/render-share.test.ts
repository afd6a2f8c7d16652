import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderShare } from '../../src/panel/throttle';

/** The share at `perSecond` records a second, as a second's records. */
const shareAt = (perSecond: number) => renderShare(perSecond, 1000);

describe('render share', () => {
  it('is the whole of the panel time while records come at up to 5,000 a second', () => {
    for (const rate of [0, 10, 1000, 5000]) assert.equal(shareAt(rate), 1, `${rate}/s`);
    assert.equal(renderShare(1, 0), 1, 'no time elapsed: no rate to tell');
  });

  it('falls with the rate beyond it, to a tenth from 10,000 a second', () => {
    assert.ok(Math.abs(shareAt(7500) - 0.55) < 1e-9, 'halfway between: 0.55');
    assert.equal(shareAt(10_000), 0.1);
    assert.equal(shareAt(1_000_000), 0.1);
    for (let rate = 5000; rate < 12_000; rate += 250)
      assert.ok(shareAt(rate + 250) <= shareAt(rate), `no rise from ${rate}/s`);
  });
});
