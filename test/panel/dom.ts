/** A browser-like DOM (happy-dom) for rendering panel components in plain Node. */
import { after, before, beforeEach, mock } from 'node:test';
import { Window } from 'happy-dom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SUMMARY_INTERVAL_MS } from '../../src/panel/throttle';

export function installDom(): { window: Window; root: HTMLElement; cleanup: () => Promise<void> } {
  const window = new Window({ url: 'chrome-extension://panel-test/panel.html' });
  const globals = globalThis as Record<string, unknown>;
  const names = [
    'window',
    'document',
    'Node',
    'Element',
    'HTMLElement',
    'Event',
    'CustomEvent',
    'MouseEvent',
    'KeyboardEvent',
    'navigator',
    'requestAnimationFrame',
    'cancelAnimationFrame',
  ] as const;
  const previous = new Map(names.map((name) => [name, globals[name]]));
  for (const name of names) {
    const value = (window as unknown as Record<string, unknown>)[name];
    globals[name] =
      typeof value === 'function' && name.endsWith('AnimationFrame') ? (value as () => void).bind(window) : value;
  }
  const root = window.document.createElement('div') as unknown as HTMLElement;
  window.document.body.appendChild(root as never);
  return {
    window,
    root,
    async cleanup() {
      for (const [name, value] of previous) globals[name] = value;
      await window.happyDOM.close();
    },
  };
}

/** A DOM for the tests of one file: installed before them, emptied of what they rendered before each, removed after. */
export function useDom(): { readonly window: Window; readonly root: HTMLElement } {
  let dom: ReturnType<typeof installDom> | undefined;
  const installed = () => {
    if (!dom) throw new Error('the DOM exists inside tests only');
    return dom;
  };
  before(() => {
    dom = installDom();
  });
  beforeEach(() => render(null, installed().root));
  after(async () => {
    render(null, installed().root);
    await installed().cleanup();
  });
  return {
    get window() {
      return installed().window;
    },
    get root() {
      return installed().root;
    },
  };
}

/**
 * Runs `change` (a message delivered to the panel, a capture loaded) inside act together with the microtasks it
 * queues: the throttle's clock runs the views in one of them, at once if its interval has passed in real time (as on
 * a slow machine), and a render outside act would leave its effects (a ResizeObserver's, say) to a real animation
 * frame the test does not wait for.
 */
export function actOn(change: () => unknown): Promise<void> {
  return act(async () => {
    change();
    await Promise.resolve();
  });
}

/**
 * With setTimeout mocked: lets the panel's throttled views catch up with what it was given. The rows' clock runs
 * within 250 ms (its longest gap after a costly render), and what it decoded reaches the summaries' clock, which
 * runs within SUMMARY_INTERVAL_MS after that; each step inside act with the microtasks its timers queue (see actOn).
 */
export async function catchUp(): Promise<void> {
  await actOn(() => mock.timers.tick(250));
  await actOn(() => mock.timers.tick(SUMMARY_INTERVAL_MS));
}
