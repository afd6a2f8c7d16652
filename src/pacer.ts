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

/**
 * A pacer whose runs cost more than a batch's fixed price (a render's layout) waits longer after a costly run: at
 * most `share` of the time goes to runs (a run that cost `c` ms is followed by a gap of at least `c / share`), up to
 * `maxMs` between runs. Cheap runs come every interval (the latency while little happens), costly ones more rarely
 * (the rate under a flood). The cost is told with `spent`.
 */
export interface PacerLoad {
  share: number;
  maxMs: number;
}

const globalClock: PacerClock = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) };

export function createPacer(run: () => void, intervalMs: number, clock: PacerClock = globalClock, load?: PacerLoad) {
  let interval = intervalMs;
  /** The gap after the last run: the interval, or longer after a costly run (see PacerLoad). */
  let gap = intervalMs;
  let last = -Infinity;
  let timerSet = false;
  const runNow = () => {
    last = clock.now();
    gap = interval;
    run();
  };
  return {
    /** Something waits to be sent: run now if the gap since the last run has passed, else when it has. */
    request(): void {
      const wait = last + gap - clock.now();
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
      interval = gap = ms;
    },
    /** The last run cost `ms` of work (its own and what it caused): with a PacerLoad, the next run waits for it. */
    spent(ms: number): void {
      if (load) gap = Math.min(load.maxMs, Math.max(interval, ms / load.share));
    },
  };
}
