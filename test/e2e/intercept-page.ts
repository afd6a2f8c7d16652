/** The intercept tests' page and panel: what the page's handlers saw, and the panel's breakpoints, rules and held packets. */
import type { Page } from 'puppeteer-core';
import type { InterceptServer } from '../apps/intercept-server';
import type { ExtensionBrowser } from './browsers';
import { fillField, pressButton } from './panel-page';
import { waitFor } from './wait';

export interface PageLog {
  connected: boolean;
  news: unknown[][];
  disconnects: string[];
  answers: string[];
}

export const pageLog = (page: Page) => page.evaluate(() => (window as never as { page: PageLog }).page);

/** What the panel says is held ('' when nothing), and the held packet's arguments as shown. */
export const paused = (panel: Page) =>
  panel.evaluate(() => ({
    status: document.querySelector('[aria-label="Paused packets"] [role="status"]')?.textContent ?? '',
    args: document.querySelector<HTMLTextAreaElement>('[aria-label="Paused arguments"]')?.value ?? '',
  }));

export async function addBreakpoint(panel: Page, on: string, direction: 'Sent' | 'Received' | 'Both'): Promise<void> {
  await fillField(panel, 'Break on', on);
  await panel.evaluate((wanted) => {
    const select = document.querySelector<HTMLSelectElement>('select[aria-label="Break direction"]')!;
    select.value = Array.from(select.options).find((option) => option.textContent === wanted)!.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, direction);
  await pressButton(panel, 'Add breakpoint');
}

/**
 * Delivers a 'news' event to the page from the composer and waits for the page's handler: the command travels the
 * way the breakpoints did, after them, so once it arrived the page's hook has them.
 */
export async function deliverSync(panel: Page, page: Page, text: string): Promise<void> {
  await fillField(panel, 'Event', 'news');
  await fillField(panel, 'Arguments', JSON.stringify([text]));
  await pressButton(panel, 'Deliver to page');
  await waitFor(
    `the page to receive ${text}`,
    () => pageLog(page),
    (log) => log.news.some((args) => args[0] === text),
  );
}

export async function addRule(panel: Page, on: string, action: string, value = ''): Promise<void> {
  await fillField(panel, 'Rule on', on);
  await fillField(panel, 'Rule value', value);
  await panel.evaluate((wanted) => {
    const select = document.querySelector<HTMLSelectElement>('select[aria-label="Rule action"]')!;
    select.value = wanted;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, action);
  await pressButton(panel, 'Add rule');
}

/** Clicks the control (a checkbox, a button) of this accessible name. */
export const click = (panel: Page, name: string) =>
  panel.evaluate(
    (wanted) =>
      Array.from(document.querySelectorAll<HTMLElement>('[aria-label]'))
        .find((element) => element.getAttribute('aria-label') === wanted)!
        .click(),
    name,
  );

/**
 * Opens the page and the panel for it, then brings the page back to front and connects its socket: a background tab's
 * timers run at most once a second, too slow for a 2.x client's 300 ms pings (with or without the extension).
 */
export async function openAndConnect(
  extension: ExtensionBrowser,
  page: Page,
  server: InterceptServer,
  transport: 'websocket' | 'polling' | 'fetch' = 'websocket',
): Promise<Page> {
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  const panel = await extension.openPanelFor(server.url);
  await page.bringToFront();
  await page.evaluate((chosen) => (window as never as { start(transport: string): void }).start(chosen), transport);
  await waitFor(
    'the page to connect',
    () => pageLog(page),
    (log) => log.connected,
  );
  await waitFor(
    'the session in the composer',
    () => panel.evaluate(() => document.querySelector('select[aria-label="Session"]')?.textContent ?? ''),
    (text) => text.includes('s1'),
  );
  return panel;
}

export type PageApi = { emitNote(...args: unknown[]): void; emitAsk(text: string): void };

export const notes = (server: InterceptServer) =>
  server.events.filter(([name]) => name === 'note').map((event) => event.slice(1));

/** What the page emits to show that the hook has the breakpoints (see untilHeld); left out of what tests compare. */
export const PROBE = 'probe';

/** The arguments of each 'note' the server received, probes left out. */
export const realNotes = (server: InterceptServer) => notes(server).filter((args) => args[0] !== PROBE);

/**
 * Waits until the page's hook holds a probe (so it has the breakpoints: no command of the panel travels behind them on
 * every transport to tell), then forwards held probes until `delivered` (the probes that reached their peer) counts
 * every probe made. A probe made before the first was held may still be on its way (its hold not yet told to the
 * panel, or over polling still in the server's queue) and is held in turn: the next packet held is then the test's.
 */
export async function untilHeld(
  panel: Page,
  probe: () => Promise<unknown>,
  delivered: () => Promise<number>,
): Promise<void> {
  let probes = 0;
  await waitFor(
    'a probe held (the breakpoint reached the page)',
    // Counted once made: a probe that threw (counted as not yet by waitFor) was never made, and is not waited for.
    async () => (await probe(), probes++, paused(panel)),
    (shown) => shown.status !== '',
  );
  await waitFor(
    'every probe forwarded and delivered',
    async () => {
      if ((await paused(panel)).status !== '') await pressButton(panel, 'Forward all').catch(() => undefined);
      return delivered();
    },
    (count) => count >= probes,
  );
}
