/**
 * A debug line at each hop of the flow (hook↔relay, logged by the relay, out of the page's reach; relay↔background,
 * logged on both sides; background↔panel, logged by the background). `node extension/build.mjs --debug` sets
 * `__DEBUG__`; every call site reads `if (__DEBUG__) debug(…)`, so without it this module is left out of the bundles
 * and the calls are dead code (`if (false)`), which the minified release build removes too.
 */
declare global {
  /** Set by the build (esbuild `define`): true only in `--debug` builds. */
  const __DEBUG__: boolean;
}

/** The hops, each logged on one side (the relay's two, the background's with the panel). */
export type Hop = 'hook↔relay' | 'relay↔background' | 'background↔panel';

/** Logs what crosses `hop`: `→` sent by the side that logs it, `←` received by it. */
export function debug(hop: Hop, direction: '→' | '←', message: unknown): void {
  console.debug(`[socket.io inspector] ${hop} ${direction}`, message);
}
