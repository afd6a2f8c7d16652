import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createWarmUp,
  LIVE_RECORDS_ENOUGH,
  pageRecordsHad,
  WARM_UP_BATCHES,
  WARM_UP_MEASURE,
  warmUpWhenIdle,
} from '../../src/panel/warm-up';
import { createCaptureStore } from '../../src/panel/store/capture';
import { useDom } from './dom';

const dom = useDom();

describe('the warm-up', () => {
  it('takes a made-up session through the panel’s whole path, as valid traffic, and leaves nothing behind', () => {
    const before = dom.window.document.documentElement.outerHTML;
    const warmUp = createWarmUp();
    let steps = 1;
    while (warmUp.step()) steps++;
    assert.equal(steps, WARM_UP_BATCHES);
    warmUp.stop();

    const { timeline, problems, capture } = warmUp.stores;
    // Every record was read, taken in and decoded: one session, none of its packets flagged (the warm-up runs the
    // code valid packets take, as a live session's do), questions paired with their answers.
    assert.equal(capture.dropped.value, 0);
    assert.ok(capture.rows.length > 3000, `${capture.rows.length} records`);
    assert.equal(timeline.tracker.sessions.length, 1);
    const packets = timeline.entries.flatMap((entry) => (entry.kind === 'packet' ? [entry.packet] : []));
    assert.equal(packets.length, capture.rows.length - 1, 'every frame a packet (the open record is none)');
    assert.deepEqual(
      packets.filter((packet) => packet.error !== undefined),
      [],
    );
    const events = packets.filter((packet) => packet.sioType === 'EVENT');
    const asked = events.filter((packet) => packet.ackId !== undefined);
    assert.ok(events.length > 2500 && asked.length > 200, `${events.length} events, ${asked.length} asked`);
    assert.ok(asked.every((packet) => packet.answeredBy !== undefined));
    assert.ok(packets.some((packet) => packet.eioType === 'ping' && packet.answeredBy !== undefined));
    assert.deepEqual(problems.diagnoser.list.problems, [], 'the Problems rules found nothing to say');

    // The rows were drawn in an element of its own, never in the document.
    assert.equal(dom.window.document.documentElement.outerHTML, before);
  });
});

describe('the warm-up while the panel is idle', () => {
  /**
   * Runs `test` with a stand-in for requestIdleCallback, and puts the real one back after: the test runs each idle
   * period itself, `steps` steps long at most, and learns whether one was asked for.
   */
  function withIdlePeriods(test: (idle: { run(steps: number): boolean }) => void): void {
    const waiting: ((deadline: IdleDeadline) => void)[] = [];
    const globals = globalThis as { requestIdleCallback?: unknown };
    const previous = globals.requestIdleCallback;
    globals.requestIdleCallback = (run: (deadline: IdleDeadline) => void) => waiting.push(run);
    try {
      test({
        run(steps) {
          const next = waiting.shift();
          let left = steps;
          next?.({ didTimeout: false, timeRemaining: () => (left-- > 0 ? 10 : 0) });
          return next !== undefined;
        },
      });
    } finally {
      globals.requestIdleCallback = previous;
    }
  }

  /** The detail of the warm-up's last User Timing measure. */
  const lastMeasure = () =>
    (performance.getEntriesByName(WARM_UP_MEASURE).at(-1) as PerformanceMeasure).detail as unknown;

  /** A warm-up of `steps` steps that counts what it was asked: made, steps run, stopped. */
  function countingWarmUp(steps: number) {
    const done = { made: 0, steps: 0, stopped: false };
    const warmUp = { step: () => ++done.steps < steps, stop: () => void (done.stopped = true) };
    return { done, makeWarmUp: () => (done.made++, warmUp) };
  }

  it('runs as many steps as each idle period has room for, until the last, then lets its rows go', () => {
    withIdlePeriods((idle) => {
      const { done, makeWarmUp } = countingWarmUp(7);
      warmUpWhenIdle(() => 0, makeWarmUp);
      assert.deepEqual(done, { made: 0, steps: 0, stopped: false }, 'nothing made or run before the panel is idle');
      assert.ok(idle.run(0), 'an idle period with no room for a step');
      assert.equal(done.made, 0);
      assert.ok(idle.run(3));
      assert.deepEqual(done, { made: 1, steps: 3, stopped: false });
      assert.ok(idle.run(3));
      assert.ok(idle.run(3));
      assert.deepEqual(done, { made: 1, steps: 7, stopped: true });
      assert.equal(idle.run(3), false, 'no idle period asked for after the last step');
      assert.deepEqual(lastMeasure(), { batches: 7 });
    });
  });

  it('stops once the panel has taken in enough live records to be warm by itself', () => {
    withIdlePeriods((idle) => {
      const { done, makeWarmUp } = countingWarmUp(40);
      let live = 0;
      warmUpWhenIdle(() => live, makeWarmUp);
      idle.run(2);
      live = LIVE_RECORDS_ENOUGH - 1;
      idle.run(2);
      assert.equal(done.steps, 4);
      live = LIVE_RECORDS_ENOUGH;
      assert.ok(idle.run(2));
      assert.deepEqual(done, { made: 1, steps: 4, stopped: true });
      assert.equal(idle.run(2), false);
      assert.deepEqual(lastMeasure(), { batches: 4 });
    });
  });

  it('makes nothing when the panel already had enough of the page when it is first idle', () => {
    withIdlePeriods((idle) => {
      const { done, makeWarmUp } = countingWarmUp(40);
      warmUpWhenIdle(() => LIVE_RECORDS_ENOUGH, makeWarmUp);
      assert.ok(idle.run(2));
      assert.deepEqual(done, { made: 0, steps: 0, stopped: false });
      assert.equal(idle.run(2), false);
      assert.deepEqual(lastMeasure(), { batches: 0 });
    });
  });
});

describe("the page's records the panel had", () => {
  it('counts those taken in, those let go since, and those held unread while the page floods', () => {
    const capture = createCaptureStore();
    assert.equal(pageRecordsHad(capture, { kind: 'live' }), 0);
    capture.rows.push(...new Array<never>(3));
    capture.releasedRows = 5;
    assert.equal(pageRecordsHad(capture, { kind: 'live' }), 8);
    assert.equal(
      pageRecordsHad(capture, { kind: 'holding', records: 90_000, inPage: 80_000, perSecond: 40_000 }),
      90_008,
    );
    assert.equal(pageRecordsHad(capture, { kind: 'catching-up', records: 10 }), 18);
  });
});
