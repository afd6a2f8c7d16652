import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReplayScheduler, type ReplayClock } from '../../src/panel/replay/scheduler';
import type { ReplayStep } from '../../src/panel/replay/steps';

const step = (time: number, event: string): ReplayStep => ({ time, namespace: '/', event, args: [], wantsAck: false });
/** Three events recorded 1 s and then 5 s apart. */
const STEPS = [step(1000, 'a'), step(2000, 'b'), step(7000, 'c')];

/** node:test's mock timers, as the scheduler's clock. */
function mockClock(): ReplayClock {
  return {
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

function playing(fail: (event: string) => string | undefined = () => undefined) {
  const delivered: string[] = [];
  const scheduler = createReplayScheduler(mockClock(), (next) => {
    const error = fail(next.event);
    if (error === undefined) delivered.push(next.event);
    return error;
  });
  scheduler.load(STEPS);
  return { scheduler, delivered };
}

describe('replay scheduler', () => {
  it('keeps the recorded gaps divided by the speed', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { scheduler, delivered } = playing();
    scheduler.play(10);
    t.mock.timers.tick(0);
    assert.deepEqual(delivered, ['a'], 'the first step goes at once');
    t.mock.timers.tick(99);
    assert.deepEqual(delivered, ['a'], 'the second waits a tenth of the recorded second');
    t.mock.timers.tick(1);
    assert.deepEqual(delivered, ['a', 'b']);
    t.mock.timers.tick(499);
    assert.deepEqual(delivered, ['a', 'b']);
    t.mock.timers.tick(1);
    assert.deepEqual(delivered, ['a', 'b', 'c']);
    assert.equal(scheduler.state.value, 'done');
    assert.equal(scheduler.position.value, 3);
  });

  it('plays in recorded timing at ×1 and without waiting as fast as possible', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const recorded = playing();
    recorded.scheduler.play(1);
    t.mock.timers.tick(0);
    t.mock.timers.tick(999);
    assert.deepEqual(recorded.delivered, ['a']);
    t.mock.timers.tick(1);
    assert.deepEqual(recorded.delivered, ['a', 'b']);
    recorded.scheduler.stop();
    const fast = playing();
    fast.scheduler.play(Infinity);
    t.mock.timers.tick(0);
    assert.deepEqual(fast.delivered, ['a', 'b', 'c']);
    assert.deepEqual(recorded.delivered, ['a', 'b'], 'a stopped replay delivers nothing more');
  });

  it('pauses, resumes with the next step, steps one at a time and stops back at the start', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { scheduler, delivered } = playing();
    scheduler.play(2);
    t.mock.timers.tick(0);
    scheduler.pause();
    assert.equal(scheduler.state.value, 'paused');
    t.mock.timers.tick(10_000);
    assert.deepEqual(delivered, ['a'], 'nothing while paused');
    scheduler.play(2);
    t.mock.timers.tick(0);
    assert.deepEqual(delivered, ['a', 'b'], 'resume goes on with the next step');
    scheduler.pause();
    scheduler.step();
    assert.deepEqual(delivered, ['a', 'b', 'c'], 'a step delivers at once');
    assert.equal(scheduler.state.value, 'done');
    scheduler.step();
    assert.equal(delivered.length, 3, 'no step past the end');
    scheduler.stop();
    assert.deepEqual([scheduler.state.value, scheduler.position.value], ['idle', 0]);
    scheduler.step();
    assert.deepEqual(delivered, ['a', 'b', 'c', 'a'], 'step by step from the start');
    assert.equal(scheduler.state.value, 'paused');
  });

  it('stops at a step it cannot deliver and says which and why', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { scheduler, delivered } = playing((event) => (event === 'b' ? 'The session is closed' : undefined));
    scheduler.play(Infinity);
    t.mock.timers.tick(0);
    assert.deepEqual(delivered, ['a']);
    assert.equal(scheduler.state.value, 'paused');
    assert.equal(scheduler.position.value, 1);
    assert.equal(scheduler.error.value, 'Step 2 of 3 (b) not delivered: The session is closed');
  });

  it('plays nothing without steps, and starts again after the end', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const empty = createReplayScheduler(mockClock(), () => assert.fail('nothing to deliver'));
    empty.play(1);
    empty.step();
    assert.equal(empty.state.value, 'idle');
    const { scheduler, delivered } = playing();
    scheduler.play(Infinity);
    t.mock.timers.tick(0);
    assert.equal(scheduler.state.value, 'done');
    scheduler.play(Infinity);
    t.mock.timers.tick(0);
    assert.deepEqual(delivered, ['a', 'b', 'c', 'a', 'b', 'c']);
  });
});
