import { signal } from '@preact/signals';
import type { ReplayStep } from './steps';

/** The timers a scheduler waits with: the browser's, or node:test's mock timers in tests. */
export interface ReplayClock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How fast a replay plays: a factor on the recorded gaps (1 = recorded timing), or Infinity (as fast as possible). */
export type ReplaySpeed = number;

/** Delivers one step to the page; returns why it could not, or undefined when it did. */
export type DeliverStep = (step: ReplayStep) => string | undefined;

/**
 * Plays steps in order: after each, waits the recorded gap to the next divided by the speed (none as fast as
 * possible), or one at a time with `step()`. Pause keeps the position, Stop goes back to the start. A step that
 * cannot be delivered stops the replay there and says why.
 */
export function createReplayScheduler(clock: ReplayClock, deliver: DeliverStep) {
  let steps: readonly ReplayStep[] = [];
  let timer: unknown;
  let speed: ReplaySpeed = 1;
  const scheduler = {
    /** `idle` before the first step, `playing`, `paused` (step by step too), `done` after the last step. */
    state: signal<'idle' | 'playing' | 'paused' | 'done'>('idle'),
    /** Steps delivered so far: the next step's index. */
    position: signal(0),
    /** How many steps there are. */
    length: signal(0),
    /** Why the last step could not be delivered. */
    error: signal<string | undefined>(undefined),
    load(next: readonly ReplayStep[]): void {
      scheduler.stop();
      steps = next;
      scheduler.length.value = next.length;
    },
    play(at: ReplaySpeed): void {
      speed = at;
      if (steps.length === 0) return;
      if (scheduler.state.value === 'done') scheduler.position.value = 0;
      cancel();
      scheduler.state.value = 'playing';
      schedule(0);
    },
    pause(): void {
      if (scheduler.state.value !== 'playing') return;
      cancel();
      scheduler.state.value = 'paused';
    },
    /** Delivers the next step now, and stays paused. */
    step(): void {
      if (scheduler.position.value >= steps.length) return;
      cancel();
      scheduler.state.value = 'paused';
      deliverNext();
    },
    stop(): void {
      cancel();
      scheduler.state.value = 'idle';
      scheduler.position.value = 0;
      scheduler.error.value = undefined;
    },
  };

  function cancel(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  }

  function schedule(delay: number): void {
    timer = clock.setTimeout(() => {
      timer = undefined;
      if (!deliverNext() || scheduler.state.value !== 'playing') return;
      const at = scheduler.position.value;
      schedule(speed === Infinity ? 0 : Math.max(0, steps[at].time - steps[at - 1].time) / speed);
    }, delay);
  }

  /** Delivers the step at the position; false when the replay ends here (the last step, or a failure). */
  function deliverNext(): boolean {
    const at = scheduler.position.value;
    const error = deliver(steps[at]);
    if (error !== undefined) {
      cancel();
      scheduler.error.value = `Step ${at + 1} of ${steps.length} (${steps[at].event}) not delivered: ${error}`;
      scheduler.state.value = 'paused';
      return false;
    }
    scheduler.error.value = undefined;
    scheduler.position.value = at + 1;
    if (at + 1 < steps.length) return true;
    scheduler.state.value = 'done';
    return false;
  }

  return scheduler;
}

export type ReplayScheduler = ReturnType<typeof createReplayScheduler>;
