/**
 * What a page holds after a chat flood (test/apps/flood): its JS heap after a full garbage collection, through CDP on
 * the page target (Chromium). The extension's isolated world shares the page's V8 heap, so this counts the relay's
 * backlog too. Used by the idle budget e2e test and the bench.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { waitFor } from './wait';

interface FloodWindow {
  flood: { connected: boolean; received: number; inOrder: boolean };
  startFlood(count: number, bytes: number): void;
}
declare const window: FloodWindow;

/** The page's JS heap after a full garbage collection, in bytes. */
export async function pageHeapBytes(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Opens the flood page at `url` in `browser`, has it receive `events` events of about `bytes` bytes, returns it. */
export async function floodedPage(browser: Browser, url: string, events: number, bytes: number): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await waitFor('the page to connect', () => page.evaluate(() => window.flood.connected), Boolean);
  await page.evaluate((count, size) => window.startFlood(count, size), events, bytes);
  const flood = await waitFor(
    `${events} events in the page`,
    () => page.evaluate(() => ({ ...window.flood })),
    (state) => state.received === events,
    180_000,
  );
  assert.ok(flood.inOrder, 'the page received every event in order');
  return page;
}

/** Bytes as MiB, for reports. */
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
