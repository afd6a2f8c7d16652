import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TimelineEntry } from '../../src/panel/store/timeline';
import { createTrafficIndex, trafficBuckets } from '../../src/panel/traffic';

/** What a step does to the timeline: entries come at its end, go at its front, or it is decoded afresh. */
type Step =
  | { kind: 'append'; entries: { marker: boolean; sent: boolean; advance: number }[] }
  | { kind: 'cut'; share: number }
  | { kind: 'afresh' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      entries: fc.array(
        fc.record({
          marker: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
          sent: fc.boolean(),
          // Mostly forward in time, at times by nothing (a polling payload's packets share their time), rarely back.
          advance: fc.oneof(
            { weight: 8, arbitrary: fc.integer({ min: 0, max: 50 }) },
            { weight: 1, arbitrary: fc.integer({ min: -40, max: -1 }) },
          ),
        }),
        { maxLength: 60 },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cut' as const), share: fc.double({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'afresh' as const }) },
);

describe('the traffic strip over a growing timeline', () => {
  it('counts each bucket as a scan of every entry does, as entries come, go at the front, or are decoded afresh', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 130 }), (steps, count) => {
        const bucketsOf = createTrafficIndex();
        let entries: TimelineEntry[] = [];
        let nextIndex = 0;
        let time = 1_000;
        for (const change of steps) {
          if (change.kind === 'afresh') entries = [];
          else if (change.kind === 'cut') entries.splice(0, Math.floor(entries.length * change.share));
          else {
            for (const { marker, sent, advance } of change.entries) {
              time += advance;
              const index = nextIndex++;
              entries.push(
                (marker
                  ? { kind: 'marker', index, row: index, time, reason: 'navigation', text: '' }
                  : {
                      kind: 'packet',
                      index,
                      row: index,
                      packet: { time, direction: sent ? 'sent' : 'received' },
                    }) as TimelineEntry,
              );
            }
          }
          assert.deepEqual(bucketsOf(entries, count), trafficBuckets(entries, count));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads its buckets of a long timeline in order without walking it', () => {
    const bucketsOf = createTrafficIndex();
    let reads = 0;
    const entries: TimelineEntry[] = [];
    for (let index = 0; index < 100_000; index++) {
      const packet = { time: index, direction: index % 3 ? 'received' : 'sent' };
      const entry = {
        kind: 'packet',
        index,
        row: index,
        get packet() {
          reads++;
          return packet;
        },
      };
      entries.push(entry as unknown as TimelineEntry);
    }
    const expected = trafficBuckets(entries, 120);
    assert.deepEqual(bucketsOf(entries, 120), expected);
    // Once counted, the same timeline's buckets read only the binary searches' entries (and its first and last).
    reads = 0;
    assert.deepEqual(bucketsOf(entries, 120), expected);
    assert.ok(reads > 0 && reads < 120 * 20, `${reads} entries read`);
  });

  it('lets go of what a long timeline took once it is counted afresh, short (a cleared panel)', () => {
    const bucketsOf = createTrafficIndex();
    const packetAt = (index: number) =>
      ({
        kind: 'packet',
        index,
        row: index,
        packet: { time: index, direction: 'received' },
      }) as unknown as TimelineEntry;
    const long = Array.from({ length: 100_000 }, (_, index) => packetAt(index));
    bucketsOf(long, 120);
    assert.ok(bucketsOf.capacity() > 100_000, `room for the long timeline (${bucketsOf.capacity()})`);
    const cleared = [packetAt(100_000), packetAt(100_001)];
    assert.deepEqual(bucketsOf(cleared, 120), trafficBuckets(cleared, 120));
    assert.equal(bucketsOf.capacity(), 1024, 'back to the room it starts with');
  });
});
