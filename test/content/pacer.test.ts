import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFloodInterval, createPacer, floodIntervalMs } from '../../src/pacer';
import { fakeClock } from '../support/fake-clock';

describe('batch pacer', () => {
  it('runs the first request at once, and folds the requests within the interval into one later run', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 5, clock);
    pacer.request();
    assert.equal(runs, 1, 'a request after a quiet interval runs in the same task');
    clock.advance(1);
    pacer.request();
    pacer.request();
    assert.equal(runs, 1);
    assert.equal(clock.pending(), 1, 'one timer for all the waiting requests');
    clock.advance(3);
    assert.equal(runs, 1);
    clock.advance(1);
    assert.equal(runs, 2, 'the timer runs when the interval since the last run ends');
  });

  it('under a steady stream, runs once per interval without waiting for its timer', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 5, clock);
    // A timer that never fires (a throttled background tab) must not hold a steady stream back.
    const stalled = { now: clock.now, setTimeout: () => undefined };
    const steady = createPacer(() => runs++, 5, stalled);
    for (let ms = 0; ms < 50; ms++) {
      steady.request();
      clock.advance(1);
    }
    assert.equal(runs, 10, 'one run per 5 ms in the requesting task');
    pacer.runNow();
    assert.equal(runs, 11);
  });

  it('takes a new interval from the next request on', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 100, clock);
    pacer.request();
    clock.advance(10);
    pacer.request();
    assert.equal(runs, 1, 'within the 100 ms interval: waits');
    pacer.setIntervalMs(5);
    pacer.request();
    assert.equal(runs, 2, 'the 5 ms interval has passed: runs at once');
    clock.advance(1);
    pacer.request();
    assert.equal(runs, 2);
    pacer.setIntervalMs(100);
    clock.advance(10);
    pacer.request();
    assert.equal(runs, 2, '11 ms after the last run, within the 100 ms interval again');
  });
});

describe('batch pacer under load', () => {
  it('waits after a costly run until its share of the time is kept, within the longest gap', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 20, clock, { share: 0.25, maxMs: 200 });
    pacer.request();
    pacer.spent(2);
    clock.advance(20);
    pacer.request();
    assert.equal(runs, 2, 'a run that cost 2 ms: the next comes after the 20 ms interval');
    pacer.spent(30);
    clock.advance(100);
    pacer.request();
    assert.equal(runs, 2, 'a run that cost 30 ms: the next waits 120 ms');
    clock.advance(20);
    assert.equal(runs, 3, "the timer runs when the run's gap ends");
    pacer.spent(1000);
    clock.advance(200);
    pacer.request();
    assert.equal(runs, 4, 'however costly a run, the next comes within 200 ms');
  });

  it('follows the typical cost of the last runs, not one run the thread had to wait for', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 20, clock, { share: 0.25, maxMs: 200 });
    for (const cost of [2, 3, 2]) {
      pacer.request();
      pacer.spent(cost);
      clock.advance(20);
    }
    pacer.request();
    pacer.spent(150);
    clock.advance(20);
    pacer.request();
    assert.equal(runs, 5, 'one 150 ms run among 2–3 ms ones: the next still comes after the 20 ms interval');
    for (const cost of [150, 150]) {
      pacer.spent(cost);
      clock.advance(200);
      pacer.request();
    }
    assert.equal(runs, 7);
    pacer.spent(150);
    clock.advance(100);
    pacer.request();
    assert.equal(runs, 7, 'once most of the last runs are costly, the next waits for them (here the longest gap)');
  });

  it('keeps the share its caller gives for a run, instead of its own', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 20, clock, { share: 0.5, maxMs: 250 });
    pacer.request();
    pacer.spent(20, 0.1);
    clock.advance(199);
    pacer.request();
    assert.equal(runs, 1, 'a 20 ms run at a tenth of the time: the next waits 200 ms');
    clock.advance(1);
    assert.equal(runs, 2);
    pacer.spent(20);
    clock.advance(40);
    pacer.request();
    assert.equal(runs, 3, 'at its own share (half), the 20 ms runs come every 40 ms');
  });

  it('never runs more often than its interval, however cheap its runs and short its longest gap', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 100, clock, { share: 0.05, maxMs: 25 });
    pacer.request();
    pacer.spent(10);
    clock.advance(25);
    pacer.request();
    assert.equal(runs, 1, 'a 100 ms interval is kept though a costly run waits at most 25 ms');
    clock.advance(75);
    assert.equal(runs, 2);
  });

  it('ignores the cost of runs without a load to keep', () => {
    const clock = fakeClock();
    let runs = 0;
    const pacer = createPacer(() => runs++, 5, clock);
    pacer.request();
    pacer.spent(100);
    clock.advance(5);
    pacer.request();
    assert.equal(runs, 2);
  });
});

describe('time between runs', () => {
  it('tells each run how long it is since the run before', () => {
    const clock = fakeClock();
    const told: number[] = [];
    const pacer = createPacer((since) => told.push(since), 5, clock);
    pacer.request();
    clock.advance(7);
    pacer.request();
    pacer.request();
    clock.advance(5);
    assert.deepEqual(told, [Infinity, 7, 5], 'the first run has none before it; a timer run counts from the last');
  });
});

describe('hand-over interval under a flood', () => {
  it('keeps the base interval up to 5,000 records a second', () => {
    assert.equal(floodIntervalMs(5, 0, 5), 5);
    assert.equal(floodIntervalMs(5, 25, 5), 5, '25 records in 5 ms: 5,000/s');
    assert.equal(floodIntervalMs(5, 1, 0), 5, 'no time elapsed: no rate to tell');
  });

  it('stretches it with the rate beyond, to twenty times from 10,000 a second', () => {
    assert.equal(floodIntervalMs(5, 75, 10), 52.5, '7,500/s');
    assert.equal(floodIntervalMs(5, 50, 5), 100, '10,000/s');
    assert.equal(floodIntervalMs(5, 10_000, 5), 100, '2,000,000/s (a replayed backlog)');
  });
});

describe('hand-over interval judged over a window', () => {
  it('keeps the base interval for a steady 5,000 a second that comes in bursts', () => {
    const interval = createFloodInterval(5);
    assert.equal(interval(40, Infinity), 5, 'the first hand-over has no rate to tell');
    const told: number[] = [];
    // 25 records per 5 ms on average, but handed over as 40 in 5 ms, then 10 in 5 ms.
    for (let run = 0; run < 40; run++) told.push(interval(run % 2 === 0 ? 40 : 10, 5));
    assert.deepEqual(new Set(told), new Set([5]), 'no burst of 8,000/s on its own stretches the interval');
  });

  it('stretches it once a flood lasted a window, and comes back once it is over', () => {
    const interval = createFloodInterval(5);
    const told: number[] = [];
    for (let run = 0; run < 20; run++) told.push(interval(50, 5)); // 10,000/s for 100 ms
    assert.equal(told[18], 5, 'within the first window: still the base interval');
    assert.equal(told[19], 100, 'after 100 ms at 10,000/s: twenty times the base');
    for (let run = 0; run < 4; run++) told.push(interval(125, 25)); // 5,000/s
    assert.equal(told.at(-1), 5, 'after 100 ms at 5,000/s: the base again');
  });
});
