/**
 * When to send a batch, for every hop that batches (the hook's hand-over to the relay, the relay's to the background,
 * the panel's decoding and rendering): at most one batch per `intervalMs`. A request that comes once the interval
 * has passed runs at once, in the task that made it, so a steady stream never waits for a timer (Chrome delays
 * timers by up to a second in busy background tabs); earlier requests are folded into one run when it ends.
 */
export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
}

const globalClock: PacerClock = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) };

export function createPacer(run: () => void, intervalMs: number, clock: PacerClock = globalClock) {
  let interval = intervalMs;
  let last = -Infinity;
  let timerSet = false;
  const runNow = () => {
    last = clock.now();
    run();
  };
  return {
    /** Something waits to be sent: run now if the interval since the last run has passed, else when it has. */
    request(): void {
      const wait = last + interval - clock.now();
      if (wait <= 0) {
        runNow();
      } else if (!timerSet) {
        timerSet = true;
        clock.setTimeout(() => {
          timerSet = false;
          runNow();
        }, wait);
      }
    },
    /** Runs at once, whatever the interval (counted as a run). */
    runNow,
    /** From now on, at most one run per `ms` (a timer already set keeps its time). */
    setIntervalMs(ms: number): void {
      interval = ms;
    },
  };
}
