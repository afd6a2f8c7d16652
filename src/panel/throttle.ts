import { effect, type ReadonlySignal } from '@preact/signals';
import { createPacer } from '../pacer';

/** How often the panel decodes what arrived and re-renders what changed: at most once per this many ms. */
export const RENDER_INTERVAL_MS = 100;

/**
 * Calls `run` after `source` changes, at most once per `intervalMs` (see createPacer: the first change after a quiet
 * interval runs at once). Returns the function that stops watching.
 */
export function onChangeThrottled(source: ReadonlySignal<unknown>, run: () => void, intervalMs: number): () => void {
  let stopped = false;
  const pacer = createPacer(() => stopped || run(), intervalMs);
  const stop = effect(() => {
    void source.value; // subscribe
    pacer.request();
  });
  return () => {
    stopped = true;
    stop();
  };
}
