import type { CaptureErrorKind } from '../messages';
import { countError } from './errors';
import { bare, call, natives, weakMapGet } from './natives';

/**
 * Everything the page can reach of the hook goes through here: natives are replaced by proxies of themselves, which
 * keep `name`, `length`, `prototype`, static properties and descriptors; `Function.prototype.toString` prints each
 * proxy as its native; and errors that pass through the hook lose the hook's own stack frames. Proxy handlers and
 * descriptors are prototype-free: a trap the hook leaves out is never looked up on `Object.prototype`.
 */

/** Each proxy handed to the page, and the native it stands for. */
const disguises = new natives.WeakMap<object, object>();

/**
 * Where the hook's own frames point in V8 stack traces (`chrome-extension://<id>/hook.js`). Firefox prints MAIN-world
 * extension frames as `<anonymous code>` and keeps `stack` on `Error.prototype`, where no page-invisible fix exists.
 */
const ownScript = /\b[a-z-]+-extension:\/\/[^\s:)]+/.exec(String(new natives.Error().stack))?.[0];

/** The lines of `text` that do not mention `ownScript`, with the saved string methods. */
function withoutOwnLines(text: string, script: string): string {
  let kept: string | undefined;
  for (let start = 0; start <= text.length;) {
    let end = call(natives.stringIndexOf, text, '\n', start);
    if (end < 0) end = text.length;
    const line = call(natives.stringSlice, text, start, end);
    if (call(natives.stringIndexOf, line, script) < 0) kept = kept === undefined ? line : `${kept}\n${line}`;
    start = end + 1;
  }
  return kept ?? '';
}

/**
 * Removes the hook's frames from an error's stack where V8 keeps it: an own accessor whose setter keeps that shape.
 * Skipped while the page formats stacks itself (`Error.prepareStackTrace`), which must run when the page asks.
 */
export function withoutOwnFrames(error: unknown): unknown {
  try {
    if (!ownScript || natives.Error.prepareStackTrace !== undefined || typeof error !== 'object' || error === null)
      return error;
    const stack = natives.getOwnPropertyDescriptor(error, 'stack');
    if (!stack?.get || !stack.set) return error;
    const text: unknown = natives.apply(stack.get, error, []);
    if (typeof text !== 'string' || call(natives.stringIndexOf, text, ownScript) < 0) return error;
    natives.apply(stack.set, error, [withoutOwnLines(text, ownScript)]);
  } catch {
    // Leave the error as it is.
  }
  return error;
}

/** Calls a native (or a page function) for the page: its result and its errors reach the page as they are. */
export function callNative(target: Function, self: unknown, args: ArrayLike<unknown>): unknown {
  try {
    return natives.apply(target, self, args);
  } catch (error) {
    throw withoutOwnFrames(error);
  }
}

/** A proxy of a native function that `Function.prototype.toString` prints as the native. */
export function proxyOf<T extends Function>(native: T, handler: ProxyHandler<T>): T {
  const proxy = new natives.Proxy(native, bare(handler));
  disguise(proxy, native);
  return proxy;
}

/** Makes `Function.prototype.toString` print `stand` (a wrapper the hook hands the page) as `native`. */
export function disguise(stand: object, native: object): void {
  call(natives.weakMapSet, disguises, stand, native);
}

/** Makes `Function.prototype.toString` print every proxy of the hook, itself included, as the native it replaces. */
export function disguiseProxies(): void {
  const toString = Function.prototype.toString;
  const proxy = proxyOf(toString, {
    apply: (target, self: object, args: unknown[]) => callNative(target, weakMapGet(disguises, self) ?? self, args),
  });
  replaceValue(Function.prototype, 'toString', proxy);
}

/** Swaps a data property's value, keeping its descriptor (writable, enumerable, configurable) as it was. */
export function replaceValue(owner: object, key: string, value: unknown): void {
  const descriptor = natives.getOwnPropertyDescriptor(owner, key);
  if (!descriptor || !('value' in descriptor)) return;
  natives.defineProperty(owner, key, bare({ ...descriptor, value }));
}

type Observer<T> = (self: T, args: unknown[]) => void;

/**
 * What to run around each call of a native: `before` it, and `after` it returned (never if it threw); `take` may take
 * the call instead of the native (then the call returns undefined, and `after` does not run): true when it did.
 */
export interface Observers<T> {
  before?: Observer<T>;
  after?: Observer<T>;
  take?: (self: T, args: unknown[]) => boolean;
}

function observeCalls<T, F extends Function>(native: F, observers: Observers<T>, kind: CaptureErrorKind): F {
  const before = observers.before;
  const after = observers.after;
  const take = observers.take;
  return proxyOf(native, {
    apply(target, self: T, args: unknown[]) {
      try {
        before?.(self, args);
        if (take?.(self, args)) return undefined;
      } catch {
        countError(kind); // never let capture disturb the page
      }
      const result = callNative(target, self, args);
      try {
        after?.(self, args);
      } catch {
        countError(kind);
      }
      return result;
    },
  });
}

/** Observes calls of a method on `owner` (a prototype, usually). */
export function observeMethod<T extends object>(
  owner: T,
  key: string,
  observers: Observers<T>,
  kind: CaptureErrorKind,
): void {
  const native = (owner as Record<string, unknown>)[key];
  if (typeof native === 'function') replaceValue(owner, key, observeCalls(native, observers, kind));
}

/** Observes assignments to an accessor property on `owner`, keeping its descriptor as it was. */
export function observeSetter<T extends object>(
  owner: T,
  key: string,
  after: Observer<T>,
  kind: CaptureErrorKind,
): void {
  const descriptor = natives.getOwnPropertyDescriptor(owner, key);
  if (!descriptor?.set) return;
  const set = observeCalls(descriptor.set, bare({ after }), kind);
  natives.defineProperty(owner, key, bare({ ...descriptor, set }));
}

/**
 * Lets `read` answer reads of an accessor property on `owner` (its descriptor kept as it was): its value when it gives
 * one, else the native getter's.
 */
export function overrideGetter<T extends object>(
  owner: T,
  key: string,
  read: (self: T) => unknown,
  kind: CaptureErrorKind,
): void {
  const descriptor = natives.getOwnPropertyDescriptor(owner, key);
  if (!descriptor?.get) return;
  const get = proxyOf(descriptor.get, {
    apply(target, self: T, args: unknown[]) {
      try {
        const value = read(self);
        if (value !== undefined) return value;
      } catch {
        countError(kind);
      }
      return callNative(target, self, args);
    },
  });
  natives.defineProperty(owner, key, bare({ ...descriptor, get }));
}

/**
 * Replaces the constructor `window[key]` by a proxy that hands every new instance (subclasses' too), and the page's
 * arguments, to `created` before the page gets it. `prototype.constructor` is the proxy as well, so that `x.constructor === WebSocket` holds.
 */
export function observeConstruction<T extends object>(
  key: 'WebSocket' | 'XMLHttpRequest' | 'WebTransport',
  created: (instance: T, args: unknown[]) => void,
  kind: CaptureErrorKind,
): void {
  const native: Function = window[key];
  const proxy = proxyOf(native, {
    construct(target, args: unknown[], newTarget: Function) {
      let instance: T;
      try {
        instance = natives.construct(target, args, newTarget) as T;
      } catch (error) {
        throw withoutOwnFrames(error);
      }
      try {
        created(instance, args);
      } catch {
        countError(kind);
      }
      return instance;
    },
  });
  replaceValue(native.prototype as object, 'constructor', proxy);
  replaceValue(window, key, proxy);
}
