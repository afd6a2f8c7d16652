/** Swaps a data property's value, keeping its descriptor (writable, enumerable, configurable) as it was. */
export function replaceValue(owner: object, key: string, value: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (!descriptor || !('value' in descriptor)) return;
  Object.defineProperty(owner, key, { ...descriptor, value });
}

type After<T> = (self: T, args: unknown[], result: unknown) => void;

/**
 * A proxy of a native function that runs `after` once the native call returned (never if it threw). Being a proxy,
 * it keeps the native's `name`, `length` and `toString`, and the native's errors reach the caller unchanged.
 */
function observeCalls<T>(native: (...args: never[]) => unknown, after: After<T>): unknown {
  return new Proxy(native, {
    apply(target, self: T, args: unknown[]) {
      const result: unknown = Reflect.apply(target, self, args);
      try {
        after(self, args, result);
      } catch {
        // Never let capture disturb the page.
      }
      return result;
    },
  });
}

/** Observes calls of a method on `owner` (a prototype, usually). */
export function observeMethod<T extends object>(owner: T, key: string, after: After<T>): void {
  const native = (owner as Record<string, unknown>)[key];
  if (typeof native === 'function') replaceValue(owner, key, observeCalls(native as () => unknown, after));
}

/** Observes assignments to an accessor property on `owner`, keeping its descriptor as it was. */
export function observeSetter<T extends object>(owner: T, key: string, after: After<T>): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (!descriptor?.set) return;
  Object.defineProperty(owner, key, { ...descriptor, set: observeCalls(descriptor.set, after) as (value: unknown) => void });
}
