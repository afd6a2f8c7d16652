/**
 * A debug line at each hop of the flow (hook↔relay and relay↔background, logged by the relay; background↔panel,
 * logged by the background): `node extension/build.mjs --debug` sets `__DEBUG__`, and every call site reads
 * `if (__DEBUG__) debug(…)`, so a release build (and the default one) compiles the calls and this module out.
 */
declare global {
  /** Set by the build (esbuild `define`): true only in `--debug` builds. */
  const __DEBUG__: boolean;
}

/** Logs what crosses `hop` in `direction` (`→` out of the logging side, `←` into it). */
export function debug(hop: string, direction: '→' | '←', message: unknown): void {
  console.debug(`[socket.io inspector] ${hop} ${direction}`, message);
}
