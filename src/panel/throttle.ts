import { effect, type ReadonlySignal } from '@preact/signals';
import { createPacer, floodLevel } from '../pacer';

/** How often the panel decodes what arrived and re-renders what changed: at most once per this many ms (a frame). */
export const RENDER_INTERVAL_MS = 16;
/**
 * How often the summaries beside the rows re-render while traffic comes: the sessions, the event counts, the traffic
 * strip and the session and event pickers. Their counts change with every batch, which nobody reads at sixty a
 * second, and each of their renders lays out and paints tables and a chart besides the rows (under 5,000 events a
 * second, about a tenth of a Packets view render).
 */
export const SUMMARY_INTERVAL_MS = 250;
/**
 * What a render costs (its task: decoding, preact, the layout it forces; then its frame: paint and commit) takes a
 * share of the panel's time (see PacerLoad): costly renders are followed by longer gaps, up to 250 ms, and cheap ones
 * come every frame. While records come calmly the share is whole: a render of the rows in view (about 11 ms with its
 * frame at 5,000 records a second on a 2-core machine) follows every frame, for the panel's latency (with three
 * quarters, the capture latency's p99 over 3-second streams at 5,000/s was 51–62 ms, against 48–53 ms). Under a flood
 * (see floodLevel) it is a tenth: a render's CPU (with its raster and compositing) is then the page's loss, so a
 * flood makes renders rarer rather than the page slower. A render that costs more than a frame takes a frame's worth
 * of that share (see renderShare).
 */
const RENDER_LOAD = { share: 1, maxMs: 250 };
const FLOOD_SHARE = 0.1;
/**
 * The share of the panel's time renders may take while the page takes in `perSecond` records (see RENDER_LOAD), after
 * a render that cost `costMs` (its task and its frame): past a frame (RENDER_INTERVAL_MS), only a frame's worth of it,
 * so that the gap after a render grows with the square of its cost (a 32 ms render is followed by 64 ms at a whole
 * share). Renders that cost that much are a panel whose code V8 has not optimized yet (20–35 ms) or a machine that is
 * busy: at a flood's start, both, and back to back such renders took a whole core from a page on 2 cores, slowing it
 * to a few thousand records a second, too slow to read as a flood. In alternated bench pairs on a busy machine
 * (bench/README.md, section 6), the capture latency's p99 at 5,000/s was 284–397 ms against 373–881 and the panel's
 * work per frame at 10,000/s p95 18.7–21.8 ms against 20.7–31.5; the panel's and the GPU process's CPU in a flood's
 * first 1.2 s was a mean 560 ms against 770, but a 9-round run after gave 830: that part is within the machine's
 * noise.
 */
export function renderShare(perSecond: number, costMs = 0): number {
  const share = FLOOD_SHARE + (RENDER_LOAD.share - FLOOD_SHARE) * (1 - floodLevel(perSecond, 1000));
  return costMs > RENDER_INTERVAL_MS ? (share * RENDER_INTERVAL_MS) / costMs : share;
}

/** What tells the page's rate, in records a second (none: calm). */
let pageRate: () => number = () => 0;

/**
 * The render share follows the page's rate that `rate` tells (see renderShare): the rate its batches' own times give
 * (src/page-rate.ts), not the rate records reach the panel, which lags a flood's by a second or more while the hops catch
 * up (on 2 cores, a panel reading 6,000 records a second while the page took 10,000 rendered at three quarters of its
 * time where a tenth was due). Returns what stops it.
 */
export function paceRendersBy(rate: () => number): () => void {
  pageRate = rate;
  return () => {
    if (pageRate === rate) pageRate = () => 0;
  };
}

/**
 * A panel whose frame has not come this long after a render is not being drawn (another DevTools panel is shown, or
 * its tab is in the background): until its next frame comes, it decodes and renders at most every NOT_DRAWN_INTERVAL_MS
 * (records keep coming in and are decoded in steps, so that showing it again costs no long catch-up; its views render
 * into a document nobody sees, for a fraction of the cost).
 */
const NOT_DRAWN_AFTER_MS = 250;
const NOT_DRAWN_INTERVAL_MS = 250;

/**
 * Measures what the frame after a render costs the main thread (from its animation frame to the first task after its
 * paint), and tells `done`; returns false where there are no frames to wait for (no layout, as in unit tests).
 */
function measureFrame(done: (ms: number) => void): boolean {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return false;
  requestAnimationFrame(() => {
    const started = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done(performance.now() - started);
    };
    channel.port2.postMessage(undefined);
  });
  return true;
}

/**
 * The watchers of one interval, run together: every view and the timeline's decoding change in the same task, so the
 * browser lays out and paints the panel once per interval rather than once per watcher.
 */
function createClock(intervalMs: number, done: () => void) {
  const watchers = new Set<() => void>();
  const due = new Set<() => void>();
  let queued = false;
  /** What the frame after the last render cost: the next render is counted with it (its own comes after its task). */
  let frameMs = 0;
  /** When the frame after a render was asked for, until it comes (one at a time). */
  let frameAskedAt: number | undefined;
  /** Whether the panel is not being drawn (see NOT_DRAWN_AFTER_MS). */
  let notDrawn = false;
  const frameCame = (ms: number) => {
    frameMs = ms;
    frameAskedAt = undefined;
    if (!notDrawn) return;
    notDrawn = false;
    pacer.setIntervalMs(intervalMs);
    if (due.size > 0) pacer.request();
  };
  const pacer = createPacer(
    () => {
      const started = performance.now();
      if (!notDrawn && frameAskedAt !== undefined && started - frameAskedAt >= NOT_DRAWN_AFTER_MS) {
        notDrawn = true;
        pacer.setIntervalMs(NOT_DRAWN_INTERVAL_MS);
      }
      const runs = [...due];
      due.clear();
      for (const run of runs) run();
      // What the watchers caused counts too: preact renders in a microtask queued before this one.
      queueMicrotask(() => {
        const costMs = performance.now() - started + frameMs;
        pacer.spent(costMs, renderShare(pageRate(), costMs));
        if (frameAskedAt === undefined && measureFrame(frameCame)) frameAskedAt = performance.now();
      });
    },
    intervalMs,
    undefined,
    RENDER_LOAD,
  );
  return {
    /** A new watcher: it runs at once (with any that are due), as a run of the clock. */
    watch(run: () => void): void {
      watchers.add(run);
      due.add(run);
      pacer.runNow();
    },
    /** `run` is due: with the others made due by the same change (a microtask later), on the pacer's next run. */
    add(run: () => void): void {
      due.add(run);
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        pacer.request();
      });
    },
    /** `run` stops watching; the clock goes with its last watcher. */
    remove(run: () => void): void {
      due.delete(run);
      watchers.delete(run);
      if (watchers.size === 0) done();
    },
  };
}

const clocks = new Map<number, ReturnType<typeof createClock>>();

/**
 * Calls `run` at once, then after `source` changes, at most once per `intervalMs` (see createPacer: the first change
 * after a quiet interval runs at once), together with every other watcher of that interval. Returns the function that
 * stops watching.
 */
export function onChangeThrottled(source: ReadonlySignal<unknown>, run: () => void, intervalMs: number): () => void {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    const created = createClock(intervalMs, () => clocks.get(intervalMs) === created && clocks.delete(intervalMs));
    clocks.set(intervalMs, (clock = created));
  }
  const joined = clock;
  // Its own function, so that a watcher of the same `run` twice is two watchers.
  const watcher = () => run();
  let subscribed = false;
  const stop = effect(() => {
    void source.value; // subscribe
    if (subscribed) joined.add(watcher);
    subscribed = true;
  });
  joined.watch(watcher);
  return () => {
    joined.remove(watcher);
    stop();
  };
}
