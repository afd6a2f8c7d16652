import { effect, type ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';

/**
 * The value of a signal, re-read at most once per `intervalMs`: a stream of thousands of records a second
 * re-renders the view a few times a second, not once per batch.
 */
export function useThrottled<T>(source: ReadonlySignal<T>, intervalMs: number): T {
  const [value, setValue] = useState(source.peek());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = effect(() => {
      source.value; // subscribe
      timer ??= setTimeout(() => {
        timer = undefined;
        setValue(source.peek());
      }, intervalMs);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [source, intervalMs]);
  return value;
}
