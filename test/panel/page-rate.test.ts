import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPageRate } from '../../src/panel/page-rate';

describe("the page's record rate", () => {
  it('counts the records between the first and the newest batch of its last 250 ms, over their span', () => {
    const rate = createPageRate();
    rate.add({ time: 1000, records: 300 });
    assert.equal(rate.perSecond(), 0, 'one batch spans no time');
    rate.add({ time: 1030, records: 400 });
    assert.equal(rate.perSecond(), 0, 'nor do batches within 50 ms');
    rate.add({ time: 1100, records: 2000 });
    assert.equal(rate.perSecond(), 7000, '700 records between 1000 and 1100');
    rate.add({ time: 1300, records: 100 });
    assert.equal(rate.perSecond(), 10_000, 'the batches of 1000 and 1030 are past the window: 2,000 in 200 ms');
  });

  it('leaves out batches without a time or records, and keeps at most 256 batches of one time', () => {
    const rate = createPageRate();
    rate.add({ time: NaN, records: 5000 });
    rate.add({ time: 0, records: 0 });
    rate.add({ time: 100, records: 100 });
    rate.add({ time: 200, records: 100 });
    assert.equal(rate.perSecond(), 1000);
    for (let batch = 0; batch < 10_000; batch++) rate.add({ time: 200, records: 1 });
    assert.equal(rate.perSecond(), 0, 'the batch of 100 fell out: all those left have one time');
  });
});
