/** How long a condition may take before a test fails, by default. */
export const DEFAULT_TIMEOUT_MS = 15_000;
const POLL_MS = 50;

/**
 * Polls `read` until `accept` holds for its value, and returns that value. Reads that throw (a page still loading)
 * count as not yet. Fails with `what` and the last value seen when the time is up.
 */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${String(last instanceof Error ? last.message : JSON.stringify(last))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
