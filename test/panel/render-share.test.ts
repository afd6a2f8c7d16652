import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RENDER_INTERVAL_MS, renderShare } from '../../src/panel/throttle';

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

  it("is a frame's worth of it after a render that cost more than a frame", () => {
    for (const cost of [0, 5, 11, RENDER_INTERVAL_MS]) assert.equal(renderShare(0, cost), 1, `${cost} ms`);
    assert.equal(renderShare(0, 2 * RENDER_INTERVAL_MS), 0.5);
    assert.equal(renderShare(10_000, 4 * RENDER_INTERVAL_MS), 0.025, 'of the flood share too');
    for (let cost = RENDER_INTERVAL_MS; cost < 100; cost++)
      assert.ok(
        cost / renderShare(0, cost) < (cost + 1) / renderShare(0, cost + 1),
        `a longer gap after ${cost + 1} ms`,
      );
  });
});
