import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION } from '../../src/messages';
import { batchHead, batchTail } from '../../src/page/serialize';
import { carried } from '../../src/panel/carried';
import { createPageRate, FUTURE_MS } from '../../src/page-rate';

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

  it('takes a window of another length when told (a flood probe, flood-hold.ts)', () => {
    const rate = createPageRate(Date.now, 500);
    for (const [time, records] of [
      [1000, 500],
      [1100, 500],
      [1500, 2000],
      [1600, 100],
    ])
      rate.add({ time, records });
    assert.equal(rate.perSecond(), 5000, 'the batch of 1000 is past the window: 2,500 in 500 ms');
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

  it("leaves out a batch stamped after the panel's clock, so that a page cannot push true times out of the window", () => {
    const now = 1_733_400_000_000;
    const rate = createPageRate(() => now);
    rate.add({ time: now + 3_600_000, records: 100 });
    rate.add({ time: now - 100, records: 1000 });
    rate.add({ time: now, records: 1000 });
    assert.equal(rate.perSecond(), 10_000, 'the batch stamped an hour ahead is left out');
    rate.add({ time: now + FUTURE_MS, records: 1000 });
    assert.equal(rate.perSecond(), 0, 'one a second ahead is not: the two before it are past its window');
  });
});

describe('what a port message carries, for the flood hold', () => {
  it("reads each batch's time from its head as the hook writes it, and its records and characters", () => {
    const text = `${batchHead(MESSAGE_PROTOCOL_VERSION, 2, 2, false, 1_733_400_000_123.5, '{}')}[],[]${batchTail('')}`;
    const message = {
      type: 'batches',
      batches: [
        { kind: 'batch', firstSeq: 0, count: 2, text },
        { kind: 'gap', from: 2, to: 3 },
        { kind: 'batch', firstSeq: 4, count: 1, text: 'no head' },
      ],
    };
    const { batches, chars, kept } = carried(message);
    assert.deepEqual(batches.slice(0, 1), [{ time: 1_733_400_000_123.5, records: 2 }]);
    assert.ok(Number.isNaN(batches[1].time), 'a batch without a head has no time');
    assert.equal(chars, text.length + 'no head'.length);
    assert.equal(kept, false);
    assert.equal(carried({ ...message, kept: true }).kept, true, 'kept while the panel held: told by a tally before');
    assert.deepEqual(carried({ type: 'document' }), { batches: [], chars: 0, kept: false });
    assert.deepEqual(carried('not a message'), { batches: [], chars: 0, kept: false });
  });
});
