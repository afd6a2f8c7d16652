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
 * A pacer whose runs cost more than a batch's fixed price (a render's layout) waits longer after costly runs: at
 * most `share` of the time goes to runs (runs that cost `c` ms are followed by gaps of at least `c / share`), up to
 * `maxMs` between runs (or the interval, if longer). Cheap runs come every interval (the latency while little
 * happens), costly ones more rarely (the rate under a flood). The cost is told with `spent`; the gap follows the
 * median of the last COST_RUNS runs' costs, so that one run the thread had to wait for (a GC, a busy core) does not
 * hold back the next.
 */
export interface PacerLoad {
  share: number;
  maxMs: number;
}

const COST_RUNS = 5;

/**
 * Records a second up to which a panel is fed and drawn for its latency, and from which for the page's pace: nobody
 * reads rows that go by at ten thousand a second, and on a machine the page shares, the panel's work (and every
 * message's, in each process it crosses) is the page's loss. Between the two, the one turns into the other.
 */
const CALM_RATE = 5000;
export const FLOOD_RATE = 10_000;

/**
 * Above this many records a second, the panel holds them unread until the flood ends (src/panel/flood-hold.ts): at this
 * rate nobody reads rows, and on a machine the page shares, every microsecond the panel spends on a record is taken
 * from the page (the page kept 0.83x of its rate with a panel reading a 26,000/s flood, 0.87–0.98x with one holding it;
 * bench/README.md, section 6). Half again the rate the panel is made to follow live (FLOOD_RATE, at which it stays
 * within a second of the page), so that a steady stream at that rate, which comes in bursts, is never held (at most
 * probed: see PROBE_MS, flood-hold.ts; the page's relays keep a stream past FLOOD_RATE for the panel to hold or probe:
 * `Keeping`, messages.ts).
 */
export const HOLD_RATE = 1.5 * FLOOD_RATE;

/**
 * How much of a flood `records` records in `elapsedMs` are: 0 up to CALM_RATE a second, 1 from FLOOD_RATE, in
 * proportion between. No `Math`: the page's hook bundles this file, and a page can replace `Math.min`.
 */
export function floodLevel(records: number, elapsedMs: number): number {
  const perSecond = elapsedMs > 0 ? (records * 1000) / elapsedMs : 0;
  const level = (perSecond - CALM_RATE) / (FLOOD_RATE - CALM_RATE);
  return level < 0 ? 0 : level > 1 ? 1 : level;
}

/**
 * Under a flood, a hand-over's interval is this many times its calm one (100 ms for the hook's 5 ms). On 2 cores the
 * page flooded with a panel tab open kept 0.69–0.71x of its rate with 25 ms hand-overs, 0.74–0.78x with 100 ms ones
 * (the CPU of every process together 98–103 → 94–97 µs per event; 3 alternated runs of 5 rounds each); a batch that
 * grows to its size limit first still goes at once (MAX_BATCH_CHARS in src/page/batches.ts).
 */
const FLOOD_STRETCH = 20;

/**
 * The interval of a hop that hands records over for a panel (`baseMs` while calm), after it handed over `records`
 * records that came in `elapsedMs`: up to FLOOD_STRETCH times longer under a flood (see floodLevel). Each message
 * costs every process it crosses (the page's thread, the browser's, the service worker's, the panel's) a fixed price
 * besides its size, so under a flood fewer, larger messages keep the page's pace.
 */
export function floodIntervalMs(baseMs: number, records: number, elapsedMs: number): number {
  return baseMs * (1 + (FLOOD_STRETCH - 1) * floodLevel(records, elapsedMs));
}

/** A hop's rate is judged over at least this long: a steady stream comes in bursts, which must not read as a flood. */
const RATE_WINDOW_MS = 100;

/**
 * The interval of a hop that hands records over for a panel, `baseMs` while calm, from its rate (see floodIntervalMs)
 * over its hand-overs of the last RATE_WINDOW_MS or more. Returns what to tell after each hand-over: how many records
 * it handed over, and the time since the hand-over before (the pacer's); it answers the interval to keep.
 */
export function createFloodInterval(baseMs: number): (records: number, sincePreviousMs: number) => number {
  let interval = baseMs;
  let records = 0;
  let elapsedMs = 0;
  return (handedOver, sincePreviousMs) => {
    if (sincePreviousMs === Infinity) return interval; // the first hand-over: no rate to tell yet
    records += handedOver;
    elapsedMs += sincePreviousMs;
    if (elapsedMs >= RATE_WINDOW_MS) {
      interval = floodIntervalMs(baseMs, records, elapsedMs);
      records = elapsedMs = 0;
    }
    return interval;
  };
}

/** The middle value (the upper one of an even count), without Array methods: the page's hook bundles this file. */
function median(values: readonly number[]): number {
  const middle = values.length >> 1;
  for (let i = 0; i < values.length; i++) {
    let below = 0;
    let equal = 0;
    for (let j = 0; j < values.length; j++) {
      if (values[j] < values[i]) below++;
      else if (values[j] === values[i]) equal++;
    }
    if (below <= middle && middle < below + equal) return values[i];
  }
  return 0;
}

export const globalClock: PacerClock = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms) };

/** `run` is told how long it is since the run before (Infinity for the first): a hop's rate (see floodIntervalMs). */
export function createPacer(
  run: (sincePreviousMs: number) => void,
  intervalMs: number,
  clock: PacerClock = globalClock,
  load?: PacerLoad,
) {
  let interval = intervalMs;
  /** The gap after the last run: the interval, or longer after a costly run (see PacerLoad). */
  let gap = intervalMs;
  let last = -Infinity;
  let timerSet = false;
  /**
   * The last COST_RUNS runs' costs, the oldest overwritten at `next`. Prototype-free: the page's hook writes to it,
   * and a write to a missing index would reach a setter a page put on `Array.prototype` (the hook makes its pacer
   * before any page script runs).
   */
  const costs = Object.setPrototypeOf([], null) as number[];
  let next = 0;
  const runNow = () => {
    const at = clock.now();
    const sincePrevious = at - last;
    last = at;
    gap = interval;
    run(sincePrevious);
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
    /**
     * The last run cost `ms` of work (its own and what it caused): with a PacerLoad, the next run waits for it, at its
     * share or at `share` when given (a caller whose share changes with what it runs for).
     */
    spent(ms: number, share = load?.share): void {
      if (!load || !share) return;
      costs[next] = ms;
      next = (next + 1) % COST_RUNS;
      // No `Math`: the page's hook paces its hand-overs with this (see floodLevel).
      const wanted = median(costs) / share;
      const capped = wanted < load.maxMs ? wanted : load.maxMs;
      gap = capped > interval ? capped : interval;
    },
  };
}
