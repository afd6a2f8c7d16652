import { effect, type ReadonlySignal } from '@preact/signals';

/**
 * Calls `run` after `source` changes, at most once per `intervalMs`: the first change after a quiet interval runs
 * in the next task (a burst of changes in one task is one run), later ones when the interval since the last run
 * ends. Returns the function that stops watching.
 */
export function onChangeThrottled(source: ReadonlySignal<unknown>, run: () => void, intervalMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = -Infinity;
  const stop = effect(() => {
    source.value; // subscribe
    timer ??= setTimeout(() => {
      timer = undefined;
      lastRun = performance.now();
      run();
    }, Math.max(0, lastRun + intervalMs - performance.now()));
  });
  return () => {
    stop();
    if (timer !== undefined) clearTimeout(timer);
  };
}
