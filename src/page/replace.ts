/** Swaps a data property's value, keeping its descriptor (writable, enumerable, configurable) as it was. */
export function replaceValue(owner: object, key: string, value: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (!descriptor || !('value' in descriptor)) return;
  Object.defineProperty(owner, key, { ...descriptor, value });
}

/** Wraps a native method in a proxy that runs `after` once the native call returned (never if it threw). */
export function observeMethod<T extends object>(
  owner: T,
  key: string,
  after: (target: T, args: unknown[], result: unknown) => void,
): void {
  const native = (owner as Record<string, unknown>)[key];
  if (typeof native !== 'function') return;
  const proxy = new Proxy(native, {
    apply(method, self: T, args: unknown[]) {
      const result: unknown = Reflect.apply(method, self, args);
      try {
        after(self, args, result);
      } catch {
        // Never let capture disturb the page.
      }
      return result;
    },
  });
  replaceValue(owner, key, proxy);
}
