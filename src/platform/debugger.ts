/**
 * The one user of `chrome.debugger` (Chromium only: Firefox has no such API, so `debuggerApi` is undefined there).
 * Typed as far as the workers' capture uses it; flat sessions (`sessionId` in a Debuggee) need Chrome 125+.
 */

/** Whom a command goes to, or an event came from: a tab, a target attached by id, or a session inside either. */
export interface Debuggee {
  tabId?: number;
  targetId?: string;
  sessionId?: string;
}

/** A target as `chrome.debugger.getTargets()` lists it. */
export interface DebuggerTarget {
  id: string;
  type: string;
  url: string;
  tabId?: number;
  attached: boolean;
}

interface Listeners<Listener> {
  addListener(listener: Listener): void;
}

export interface DebuggerApi {
  attach(target: Debuggee, requiredVersion: string): Promise<void>;
  detach(target: Debuggee): Promise<void>;
  sendCommand(target: Debuggee, method: string, params?: object): Promise<unknown>;
  getTargets(): Promise<DebuggerTarget[]>;
  onEvent: Listeners<(source: Debuggee, method: string, params?: unknown) => void>;
  onDetach: Listeners<(source: Debuggee, reason: string) => void>;
}

export const debuggerApi: DebuggerApi | undefined = (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome
  ?.debugger;
