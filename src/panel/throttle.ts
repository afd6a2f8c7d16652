import { effect, type ReadonlySignal } from '@preact/signals';
import { createPacer } from '../pacer';

/** How often the panel decodes what arrived and re-renders what changed: at most once per this many ms. */
export const RENDER_INTERVAL_MS = 20;
/**
 * What a render costs (its task: decoding, preact, the layout it forces; then its frame: paint and commit) takes at
 * most 25% of the panel's time (see PacerLoad; on 2 cores the page shares, raster and compositing cost more again):
 * costly renders are followed by longer gaps, up to 100 ms, so a flood makes renders rarer rather than the page
 * slower, and cheap ones come every 20 ms.
 */
const RENDER_LOAD = { share: 0.25, maxMs: 100 };

/**
 * Measures what the frame after a render costs the main thread (from its animation frame to the first task after its
 * paint), and tells `done`; nothing where there are no frames (a hidden document, no layout).
 */
function measureFrame(done: (ms: number) => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return;
  requestAnimationFrame(() => {
    const started = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done(performance.now() - started);
    };
    channel.port2.postMessage(undefined);
  });
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
  const pacer = createPacer(
    () => {
      const started = performance.now();
      const runs = [...due];
      due.clear();
      for (const run of runs) run();
      // What the watchers caused counts too: preact renders in a microtask queued before this one.
      queueMicrotask(() => {
        pacer.spent(performance.now() - started + frameMs);
        measureFrame((ms) => (frameMs = ms));
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
